import { EmbeddedSearchAdapter } from '../../src/search/embedded.adapter.js';
import { runSearchContract } from './search-contract.js';

runSearchContract('embedded', async () => new EmbeddedSearchAdapter());
