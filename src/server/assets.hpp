#pragma once
// The single-page app (web/), built into the binary by cmake/embed_assets.cmake.

#include <cstddef>
#include <string_view>

namespace corridor::server {

struct Asset {
  std::string_view path;          ///< URL path, e.g. "/app.js" ("/" is index.html)
  std::string_view content_type;
  std::string_view data;
};

/// The embedded asset for a URL path, nullptr when there is none.
const Asset* find_asset(std::string_view path);

}  // namespace corridor::server
