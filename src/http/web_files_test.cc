// WebFiles: the web app's files and index.html for page addresses, the right types and cache
// headers, and nothing outside the directory, however the path is written.
#include "contextmap/http/web_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace contextmap::http {
namespace {

namespace fs = std::filesystem;

constexpr const char* kIndex = "<!doctype html><title>index</title>";
constexpr const char* kSecret = "planted secret outside the web directory";

class WebFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("web_files_test_" + std::to_string(::getpid()));
    fs::remove_all(base_);
    root_ = base_ / "dist";
    fs::create_directories(root_ / "assets");
    Write(root_ / "index.html", kIndex);
    Write(root_ / "assets" / "index-Ra5QfDHm.js", "console.log(1);");
    Write(root_ / "assets" / "index-DyDN0vWn.css", "body{}");
    Write(root_ / "favicon.svg", "<svg/>");
    Write(root_ / ".env", kSecret);
    Write(base_ / "secret.txt", kSecret);
    fs::create_directories(base_ / "outside");
    Write(base_ / "outside" / "secret.txt", kSecret);
    // Symbolic links out of the directory (a file and a folder), and one that stays inside.
    fs::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
    fs::create_directory_symlink(base_ / "outside", root_ / "assets" / "out");
    fs::create_symlink(root_ / "favicon.svg", root_ / "icon.svg");
    auto web = WebFiles::Make(root_.string());
    ASSERT_TRUE(web.ok()) << web.status().ToString();
    web_.emplace(std::move(web).value());
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

  ApiResponse Get(const std::string& path, const std::string& method = "GET") const {
    ApiRequest req;
    req.method = method;
    req.path = path;
    return web_->Serve(req);
  }

  static std::string HeaderOf(const ApiResponse& r, std::string_view name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return {};
  }

  fs::path base_;
  fs::path root_;
  std::optional<WebFiles> web_;
};

TEST_F(WebFilesTest, ServesFilesWithTheirTypesAndLetsHashedAssetsBeKept) {
  ApiResponse js = Get("/assets/index-Ra5QfDHm.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1);");
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(HeaderOf(js, "Cache-Control"), "public, max-age=31536000, immutable");
  ApiResponse css = Get("/assets/index-DyDN0vWn.css");
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  ApiResponse svg = Get("/favicon.svg");
  EXPECT_EQ(svg.content_type, "image/svg+xml");
  EXPECT_EQ(HeaderOf(svg, "Cache-Control"), "");  // not hashed: the server's no-store stays
  EXPECT_EQ(Get("/icon.svg").body, "<svg/>");     // a link that stays inside is followed
  EXPECT_EQ(Get("/assets/index-Ra5QfDHm.js", "HEAD").status, 200);
}

TEST_F(WebFilesTest, PageAddressesGetIndexHtmlSoReloadAndBookmarksWork) {
  for (const char* page : {"/", "/sign-in", "/sign-in/code", "/mappings/map-1/", "/index.html"}) {
    ApiResponse r = Get(page);
    EXPECT_EQ(r.status, 200) << page;
    EXPECT_EQ(r.body, kIndex) << page;
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8") << page;
    EXPECT_EQ(HeaderOf(r, "Cache-Control"), "") << page;  // never kept: no-store
  }
  // A missing file with an extension is a stale asset, not a page.
  EXPECT_EQ(Get("/assets/index-OLDHASH0.js").status, 404);
  EXPECT_EQ(Get("/robots.txt").status, 404);
}

TEST_F(WebFilesTest, NothingOutsideTheDirectoryIsServed) {
  // As the HTTP library hands them over (percent-decoded once): "%2e%2e" arrives as "..".
  const char* refused[] = {"/../secret.txt",
                           "/assets/../../secret.txt",
                           "/..",
                           "/./index.html",
                           "/.env",
                           "/assets/.././../secret.txt",
                           "//secret.txt",
                           "/assets//index-Ra5QfDHm.js",
                           "/..\\secret.txt",
                           "/assets\\..\\..\\secret.txt",
                           "/..%2fsecret.txt",
                           "relative/secret.txt",
                           ""};
  for (const char* path : refused) {
    ApiResponse r = Get(path);
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_EQ(r.body.find(kSecret), std::string::npos) << path;
  }
  EXPECT_EQ(Get(std::string("/index.html\0/../../secret.txt", 29)).status, 400);  // NUL
  EXPECT_EQ(Get("/assets/\x01").status, 400);
  // Still encoded after the library's one decoding: a literal name, which does not exist.
  for (const char* path : {"/%2e%2e/secret.txt", "/%252e%252e/secret.txt", "/a%2f..%2fb.txt"}) {
    ApiResponse r = Get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find(kSecret), std::string::npos) << path;
  }
  // Symbolic links that lead out are not followed, to a file or through a folder.
  EXPECT_EQ(Get("/leak.txt").status, 404);
  EXPECT_EQ(Get("/assets/out/secret.txt").status, 404);
  // Page addresses through them get index.html, never what lies behind.
  EXPECT_EQ(Get("/assets/out").body, kIndex);
}

TEST_F(WebFilesTest, OnlyReadsAreServedAndTheApiKeepsItsPaths) {
  ApiResponse post = Get("/sign-in", "POST");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(HeaderOf(post, "Allow"), "GET, HEAD");
  EXPECT_FALSE(WebFiles::Claims("/api"));
  EXPECT_FALSE(WebFiles::Claims("/api/v1/health"));
  EXPECT_TRUE(WebFiles::Claims("/"));
  EXPECT_TRUE(WebFiles::Claims("/apiary"));
  EXPECT_TRUE(WebFiles::Claims("/sign-in"));
}

TEST_F(WebFilesTest, TheDirectoryMustExistAndHoldABuild) {
  Result<WebFiles> missing = WebFiles::Make((base_ / "nowhere").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().field(), "--web");
  Result<WebFiles> empty = WebFiles::Make((base_ / "outside").string());
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("index.html"), std::string::npos);
  EXPECT_EQ(WebFiles::ContentType("a/b.woff2"), "font/woff2");
  EXPECT_EQ(WebFiles::ContentType("noextension"), "application/octet-stream");
  EXPECT_EQ(WebFiles::ContentType(".hidden/x.exe"), "application/octet-stream");
}

}  // namespace
}  // namespace contextmap::http
