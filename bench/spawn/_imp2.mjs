const w=process.argv[2];const t0=performance.now(); await import(w==="b"?"../../dist/_bundled-index.js":"experimental-threads"); const t1=performance.now(); console.log(w, (t1-t0).toFixed(1));
