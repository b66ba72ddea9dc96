export default {
  // The element modules only: helpers beside them are not public API.
  globs: ['src/elements/*/kube-*.ts', 'src/internal/kube-element.ts'],
  exclude: ['src/**/*.styles.ts', 'src/generated/**', 'test/**', 'stories/**'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
