/** Where a diagram's published files live, under the configured base path (`BASE_PATH`). */
export function diagramFileUrl(name: string, extension: 'svg' | 'mmd'): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return `${base}/diagrams/${name}.${extension}`;
}
