// Vite config for the client SPA. Run from the repository root:
//   npx vite build --config client/vite.config.ts   (output: client/dist)
//   npx vite --config client/vite.config.ts         (dev server, proxies /api and /socket.io)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const clientDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(clientDir, '..');
const apiTarget = process.env.COMMON_GROUND_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: clientDir,
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: path.resolve(clientDir, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // livekit-client alone is ~500 kB minified; it is in the lazy call chunk, never the first JS.
    chunkSizeWarningLimit: 700,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // The client imports the shared contract from ../shared.
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, ws: true, changeOrigin: false },
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
});
