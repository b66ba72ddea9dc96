/** kube-elements for Node: the CLI entry, the sandbox HTTP server, and the fetch-handler adapter. */
export {main} from './cli.js';
export {startSandboxServer, type RunningSandbox, type SandboxServerOptions} from './sandbox-command.js';
export {toNodeListener} from './node-adapter.js';
