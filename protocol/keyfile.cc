#include "protocol/keyfile.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <string_view>

namespace citynet::protocol {
namespace {

constexpr std::string_view kSigningHeader = "citynet ed25519 secret key v1\n";
constexpr std::string_view kTransportHeader = "citynet x25519 secret key v1\n";
constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kMaxFileBytes = 4096;

Status ErrnoStatus(int err, const std::string& what, const std::string& path) {
  std::string m = fmt::format("{} {}: {}", what, path, std::strerror(err));
  switch (err) {
    case ENOENT:
      return NotFound(m);
    case EEXIST:
      return AlreadyExists(m + " (refusing to overwrite a key; move it away first)");
    case EACCES:
    case EPERM:
      return PermissionDenied(m);
    default:
      return Internal(m);
  }
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }

 private:
  int fd_;
};

Status WriteKeyFile(const std::string& path, std::string_view header, ByteView secret) {
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0) return ErrnoStatus(errno, "cannot create key file", path);
  // The umask may have removed bits but never adds any; fchmod makes the mode exact.
  if (::fchmod(fd.get(), 0600) != 0) return ErrnoStatus(errno, "cannot chmod key file", path);

  const std::size_t b64_len = sodium_base64_ENCODED_LEN(kKeyBytes, sodium_base64_VARIANT_ORIGINAL);
  SecretBytes text(header.size() + b64_len + 1);
  std::memcpy(text.data(), header.data(), header.size());
  char* b64 = reinterpret_cast<char*>(text.data() + header.size());
  sodium_bin2base64(b64, b64_len, secret.data(), secret.size(), sodium_base64_VARIANT_ORIGINAL);
  std::size_t len = header.size() + std::strlen(b64);
  text.data()[len++] = '\n';

  std::size_t off = 0;
  while (off < len) {
    ssize_t n = ::write(fd.get(), text.data() + off, len - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = ErrnoStatus(errno, "cannot write key file", path);
      ::unlink(path.c_str());
      return s;
    }
    off += static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) return ErrnoStatus(errno, "cannot sync key file", path);
  if (::close(fd.release()) != 0) return ErrnoStatus(errno, "cannot close key file", path);
  return Status::Ok();
}

Result<SecretBytes> LoadKeyFile(const std::string& path, std::string_view header,
                                std::string_view kind) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) {
    if (errno == ELOOP) {
      return PermissionDenied(fmt::format(
          "key file {} is a symbolic link; refusing to follow it: point the config at the real "
          "file",
          path));
    }
    return ErrnoStatus(errno, "cannot open key file", path);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return ErrnoStatus(errno, "cannot stat key file", path);
  if (!S_ISREG(st.st_mode)) {
    return PermissionDenied(fmt::format("key file {} is not a regular file", path));
  }
  if ((st.st_mode & 077) != 0) {
    return PermissionDenied(fmt::format(
        "key file {} has mode {:04o}, so group or others can read it: run `chmod 600 {}` "
        "(and consider the key compromised if others could read it)",
        path, st.st_mode & 07777, path));
  }
  if (st.st_uid != ::geteuid()) {
    return PermissionDenied(fmt::format(
        "key file {} is owned by uid {}, but this process runs as uid {}: run `chown {} {}` "
        "as root",
        path, st.st_uid, ::geteuid(), ::geteuid(), path));
  }
  if (st.st_size <= 0 || static_cast<std::size_t>(st.st_size) > kMaxFileBytes) {
    return DataLoss(fmt::format("key file {} has {} bytes; a {} key file has about 75", path,
                                st.st_size, kind));
  }
  SecretBytes text(static_cast<std::size_t>(st.st_size) + 1);
  std::size_t len = 0;
  while (len < static_cast<std::size_t>(st.st_size)) {
    ssize_t n = ::read(fd.get(), text.data() + len, static_cast<std::size_t>(st.st_size) - len);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(errno, "cannot read key file", path);
    }
    if (n == 0) break;
    len += static_cast<std::size_t>(n);
  }
  std::string_view content(reinterpret_cast<const char*>(text.data()), len);
  if (content.substr(0, header.size()) != header) {
    return DataLoss(
        fmt::format("{} is not a citynet {} secret key file (its first line should "
                    "be '{}')",
                    path, kind, header.substr(0, header.size() - 1)));
  }
  std::string_view b64 = content.substr(header.size());
  while (!b64.empty() && (b64.back() == '\n' || b64.back() == '\r')) b64.remove_suffix(1);
  SecretBytes key(kKeyBytes);
  std::size_t key_len = 0;
  if (sodium_base642bin(key.data(), kKeyBytes, b64.data(), b64.size(), nullptr, &key_len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      key_len != kKeyBytes) {
    return DataLoss(
        fmt::format("key file {} is damaged: its second line is not the base64 of "
                    "a 32-byte key; restore it from your backup",
                    path));
  }
  return key;
}

}  // namespace

Status WriteSigningKeyFile(const std::string& path, const SigningKey& key) {
  return WriteKeyFile(path, kSigningHeader, key.seed());
}

Status WriteTransportKeyFile(const std::string& path, const TransportKey& key) {
  return WriteKeyFile(path, kTransportHeader, key.secret());
}

Result<SigningKey> LoadSigningKeyFile(const std::string& path) {
  CITYNET_ASSIGN_OR_RETURN(SecretBytes seed, LoadKeyFile(path, kSigningHeader, "ed25519 signing"));
  return SigningKey::FromSeed(seed.view());
}

Result<TransportKey> LoadTransportKeyFile(const std::string& path) {
  CITYNET_ASSIGN_OR_RETURN(SecretBytes secret,
                           LoadKeyFile(path, kTransportHeader, "x25519 transport"));
  return TransportKey::FromSecret(secret.view());
}

}  // namespace citynet::protocol
