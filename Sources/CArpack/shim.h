// arpack-ng's ISO C binding (dsaupd_c, dseupd_c, …); Debian's libarpack2-dev installs it
// under /usr/include/arpack, which the arpack pkg-config file adds to the include path.
#include <arpack.h>
