#include <cblas.h>
#include <lapacke.h>

// OpenBLAS's own entry point (exported, not in cblas.h) that stops its worker threads; its
// next multi-threaded call would start them again.
int blas_thread_shutdown_(void);
// OpenBLAS's flag (exported, not in cblas.h): nonzero while its worker threads exist.
extern int blas_server_avail;
static inline int recbook_blas_workers_running(void) { return blas_server_avail; }
