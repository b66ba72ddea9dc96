import {defineConfig} from 'vite';

/** The demo dev server (`npm start`): the project root, with the gateway proxied to the sandbox. */
const gateway = process.env.KUBE_ELEMENTS_GATEWAY ?? 'http://127.0.0.1:8090';

export default defineConfig({
  server: {
    host: '127.0.0.1',
    proxy: {'/clusters': {target: gateway, ws: true}},
  },
});
