import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A single-page app: the Fastify server serves build/ and sends 200.html for unknown non-API paths.
    adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
  },
};

export default config;
