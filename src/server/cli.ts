import {sandboxCommand} from './sandbox-command.js';

const HELP = `Usage: kube-elements <command> [options]

Commands:
  sandbox   serve an in-memory Kubernetes API with simulated clusters
  serve     serve the UI gateway for your kubeconfig clusters (not implemented yet)

Run "kube-elements <command> --help" for a command's options.
`;

/** The `kube-elements` CLI: dispatches to a subcommand and resolves with the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      console.log(HELP);
      return command === undefined ? 1 : 0;
    case 'sandbox':
      return sandboxCommand(rest);
    case 'serve':
      console.error('kube-elements serve: not implemented yet');
      return 1;
    default:
      console.error(`kube-elements: unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}
