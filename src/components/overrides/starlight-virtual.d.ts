/**
 * The two Starlight virtual modules the Search override imports, as Starlight provides them at build time
 * (Starlight keeps their declarations private to its own components).
 */
declare module 'virtual:starlight/project-context' {
  const project: { trailingSlash: 'always' | 'never' | 'ignore' } & Record<string, unknown>;
  export default project;
}

declare module 'virtual:starlight/pagefind-config' {
  export const pagefindUserConfig: Record<string, unknown>;
}
