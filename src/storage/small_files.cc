#include "storage/small_files.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace contextmap::storage {

namespace {

// Closes a descriptor on scope exit (which also releases a flock held through it).
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

Status Failed(const std::string& what, const std::string& path) {
  return Status::IoError("could not " + what + " " + path + " (" + std::strerror(errno) + ")");
}

std::string Directory(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// A name in the same directory that no other writer uses.
std::string TemporaryName(const std::string& path) {
  static std::atomic<unsigned> n{0};
  return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(n++);
}

Status WriteAll(int fd, std::string_view content, const std::string& path) {
  while (!content.empty()) {
    ssize_t w = ::write(fd, content.data(), content.size());
    if (w < 0) {
      if (errno == EINTR) continue;
      return Failed("write", path);
    }
    content.remove_prefix(static_cast<std::size_t>(w));
  }
  return Status::Ok();
}

// Writes a new temporary file beside `path` holding `content`, flushed to disk if `flush`;
// returns its name. The caller links or renames it into place, or removes it.
Result<std::string> WriteTemporary(const std::string& path, std::string_view content, bool flush) {
  std::string tmp = TemporaryName(path);
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (fd.get() < 0) return Failed("create", tmp);
  Status s = WriteAll(fd.get(), content, tmp);
  if (s.ok() && flush && ::fdatasync(fd.get()) != 0) s = Failed("flush", tmp);
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  return tmp;
}

Status SyncDirectory(const std::string& path) {
  Fd dir(::open(Directory(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0 || ::fsync(dir.get()) != 0) return Failed("flush the directory of", path);
  return Status::Ok();
}

Result<std::string> ReadFd(int fd, const std::string& path) {
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t r = ::read(fd, buf, sizeof buf);
    if (r < 0) {
      if (errno == EINTR) continue;
      return Failed("read", path);
    }
    if (r == 0) break;
    out.append(buf, static_cast<std::size_t>(r));
    if (out.size() > (1u << 20)) return Status::IoError(path + " is too large to be a key file");
  }
  return out;
}

}  // namespace

Result<std::string> ReadSmallFile(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return Status::NotFound(path + " does not exist");
    return Failed("open", path);
  }
  return ReadFd(fd.get(), path);
}

Status CreateSmallFile(const std::string& path, std::string_view content) {
  std::error_code ec;
  std::filesystem::create_directories(Directory(path), ec);
  Result<std::string> tmp = WriteTemporary(path, content, /*flush=*/true);
  if (!tmp.ok()) return tmp.status();
  int linked = ::link(tmp->c_str(), path.c_str());
  int link_errno = errno;
  ::unlink(tmp->c_str());
  if (linked != 0) {
    errno = link_errno;
    if (errno == EEXIST) return Status::AlreadyExists(path + " already exists");
    return Failed("create", path);
  }
  return SyncDirectory(path);
}

Status ReplaceSmallFile(const std::string& path, bool create, bool durable,
                        const FileChange& change) {
  for (;;) {
    int flags = O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0);
    Fd fd(::open(path.c_str(), flags, 0600));
    if (fd.get() < 0) {
      if (errno == ENOENT) return Status::NotFound(path + " does not exist");
      return Failed("open", path);
    }
    while (::flock(fd.get(), LOCK_EX) != 0) {
      if (errno != EINTR) return Failed("lock", path);
    }
    // Someone may have renamed a new file into place while we waited for the lock on the old
    // one: then start again with the new one.
    struct stat held {};
    struct stat now {};
    if (::fstat(fd.get(), &held) != 0) return Failed("inspect", path);
    if (::stat(path.c_str(), &now) != 0) {
      if (errno == ENOENT) continue;
      return Failed("inspect", path);
    }
    if (held.st_ino != now.st_ino || held.st_dev != now.st_dev) continue;
    Result<std::string> current = ReadFd(fd.get(), path);
    if (!current.ok()) return current.status();
    Result<std::optional<std::string>> next = change(*current);
    if (!next.ok()) return next.status();
    if (!next->has_value()) return Status::Ok();
    Result<std::string> tmp = WriteTemporary(path, **next, durable);
    if (!tmp.ok()) return tmp.status();
    if (::rename(tmp->c_str(), path.c_str()) != 0) {
      Status s = Failed("replace", path);
      ::unlink(tmp->c_str());
      return s;
    }
    return durable ? SyncDirectory(path) : Status::Ok();
  }
}

}  // namespace contextmap::storage
