#include "common/output_pipe.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>

namespace entgraph {
namespace {

TEST(OutputPipeTest, APipeGrowsPastTheKernelsDefault) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const long before = fcntl(fds[1], F_GETPIPE_SZ);
  const long after = WidenOutputPipe(fds[1]);
  EXPECT_GT(after, before);
  EXPECT_EQ(after, fcntl(fds[0], F_GETPIPE_SZ));  // one pipe: its read end sees the same size
  close(fds[0]);
  close(fds[1]);
}

TEST(OutputPipeTest, AFileIsLeftAlone) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(WidenOutputPipe(fileno(f)), 0);
  std::fclose(f);
  EXPECT_EQ(WidenOutputPipe(-1), 0);  // not even open
}

}  // namespace
}  // namespace entgraph
