// Worker of the million-row retrieval bench (million-core.ts): OPFS sync access handles exist only in workers.
import { expose } from 'comlink';
import * as million from '../million-core';

expose(million);
