// The primitives whose objects travel as handles (Mutex, Semaphore, RwLock, Condvar, Barrier,
// Channel), imported for the effect of loading them: each module registers its handle kind
// (transport/handles.ts). A worker imports this on the first message that carries a tagged value
// (pool/worker.ts), so a worker whose tasks capture no primitive never loads their code, a third
// of what it would load at start. Global is not here: the worker's entry imports it (the registry
// of Globals lives beside it).
import "./mutex.js";
import "./semaphore.js";
import "./rwlock.js";
import "./condvar.js";
import "./barrier.js";
import "./channel.js";
