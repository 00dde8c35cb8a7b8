const w=process.argv[2];const t0=performance.now(); await import(w); const t1=performance.now(); console.log(w.split("/").pop(), (t1-t0).toFixed(1));
