/**
 * `npm run -s machine`: prints the machine definition (states and every transition record) as JSON.
 */
import { machine } from '../machine/definition';

process.stdout.write(`${JSON.stringify(machine, null, 2)}\n`);
