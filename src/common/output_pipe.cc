#include "common/output_pipe.h"

#include <fcntl.h>
#include <sys/stat.h>

namespace entgraph {

long WidenOutputPipe(int fd) {
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode)) return 0;
#if defined(F_SETPIPE_SZ) && defined(F_GETPIPE_SZ)
  // pipe-max-size (1 MB unless changed) bounds an unprivileged process, and a user past
  // pipe-user-pages-soft gets EPERM: then smaller sizes, down to what the pipe has.
  for (long size = 1 << 20; size > 64 << 10; size /= 2) {
    if (fcntl(fd, F_SETPIPE_SZ, static_cast<int>(size)) >= 0) break;
  }
  const long size = fcntl(fd, F_GETPIPE_SZ);
  return size > 0 ? size : 0;
#else
  return 0;
#endif
}

}  // namespace entgraph
