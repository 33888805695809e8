// Candidate (a) of the engine choice: PGlite in a worker thread, served over the PostgreSQL wire
// protocol by @electric-sql/pglite-socket, so the app reaches it with node-postgres like any server.
// Plain JavaScript: a worker thread does not inherit tsx's loader.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const { dataDir } = workerData;
const db = await PGlite.create(dataDir);
const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 100 });
await server.start();
parentPort.postMessage({ port: Number(server.getServerConn().split(':').pop()) });
parentPort.on('message', async (m) => { if (m === 'stop') { await server.stop(); await db.close(); parentPort.postMessage('stopped'); } });
