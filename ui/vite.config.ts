import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In dev, /api is proxied to a server started separately (RILANCIO_API, default :3000).
export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: { '/api': process.env.RILANCIO_API ?? 'http://127.0.0.1:3000' },
  },
});
