// The Node flags of each production worker (../serve.mjs), and of `npm run bench`, whose in-process
// rows time the server's code as its workers run it (bench/index.ts starts itself again with them).
//
// A larger young generation (32 MB semi-spaces instead of 16) so the many short-lived objects of
// concurrent page renders die in fewer, cheaper scavenges. Measured with `npm run load` (200
// counselors, a click every ~20 s): 64 MB took p95 from 1,154 ms to 323 ms. On 2026-12-05 (a click
// every ~8 s) the server's peak memory was 897, 951 and 1,038 MB in three runs with 64 MB (over the
// 1 GB budget once), 855–997 MB in five with 32 MB; p95 did not differ beyond the runs' noise
// (172–241 ms with 32, 191–196 ms with 64).
export const WORKER_FLAGS = ["--max-semi-space-size=32"];
