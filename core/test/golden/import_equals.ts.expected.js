1:11: error: the closure needs the TypeScript namespace `Geometry`, which cannot be re-created in the worker yet: move it to a module of its own and import it from there
