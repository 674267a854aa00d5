// A pipe on the output grown so that a long stream of lines does not stall on it.
//
// Linux gives a pipe 64 KB. A writer that makes hundreds of megabytes (extract on a large corpus)
// then blocks every 64 KB until the reader has caught up, and each block is two context switches
// and a reader woken for a few lines: through a pipe, extract on one thread took 1.2-1.5 x its
// time into a file. With the 1 MB that an unprivileged process may ask for, it takes about the same.
#pragma once

namespace entgraph {

// When `fd` is a pipe, asks the kernel to give it 1 MB (or, refused, the most it allows up to
// that) and returns the pipe's size then; returns 0 when `fd` is no pipe. Never fails: the size
// is only a matter of speed.
long WidenOutputPipe(int fd);

}  // namespace entgraph
