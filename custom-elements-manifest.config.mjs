export default {
  globs: ['src/elements/**/*.ts', 'src/internal/kube-element.ts'],
  exclude: ['src/**/*.styles.ts', 'src/generated/**', 'test/**', 'stories/**'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
