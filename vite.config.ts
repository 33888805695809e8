import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));

// The web app lives in src/web; the server serves the build from dist/web, each text file beside
// its .br and .gz (served by Accept-Encoding, so nothing is compressed per request).
export default defineConfig({
  root: `${projectRoot}src/web`,
  publicDir: false,
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' })],
  build: {
    outDir: `${projectRoot}dist/web`,
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      // '/api/' and not '/api': a bare prefix would also swallow the module /api.ts.
      '/api/': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
