// Imported by a worker, under a query, to check that its module loader hook is live: the hook
// serves different text for that URL. If this real file loads instead, the hook is absent, and
// importing a user's file under a query would run the user's real module: the worker refuses.
export const hooked = false;
