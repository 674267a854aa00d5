// Writing an output file so that a failure never leaves half a file: the bytes go to a temporary
// file beside it, which is renamed over the target only when complete.
#pragma once

#include <filesystem>
#include <string_view>

namespace entgraph {

// Writes `bytes` to `path`, creating its folder. Throws entgraph::Error (exit 2) naming the path
// when it cannot be written.
void WriteFileAtomically(const std::filesystem::path& path, std::string_view bytes);

}  // namespace entgraph
