// Secret key files: created 0600 and never overwritten; refused when others may read them,
// when they are links or not regular files, or damaged; loaded keys equal the written ones.
#include "protocol/keyfile.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "tests/protocol/test_util.h"

namespace citynet::protocol {
namespace {

using testing::TempDir;

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return st.st_mode & 07777;
}

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitCrypto().ok()); }
  TempDir dir_;
};

TEST_F(KeyFileTest, SigningKeyRoundTripsWithMode0600) {
  SigningKey key = SigningKey::Generate();
  std::string path = dir_.File("signing.key");
  ASSERT_TRUE(WriteSigningKeyFile(path, key).ok());
  EXPECT_EQ(ModeOf(path), 0600u);
  auto loaded = LoadSigningKeyFile(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->public_key(), key.public_key());
  Bytes msg = {1, 2, 3};
  EXPECT_TRUE(VerifySignature(key.public_key(), msg, loaded->Sign(msg)));
}

TEST_F(KeyFileTest, TransportKeyRoundTrips) {
  TransportKey key = TransportKey::Generate();
  std::string path = dir_.File("transport.key");
  ASSERT_TRUE(WriteTransportKeyFile(path, key).ok());
  auto loaded = LoadTransportKeyFile(path);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->public_key(), key.public_key());
}

TEST_F(KeyFileTest, ModeIs0600EvenWithAPermissiveUmask) {
  mode_t old = ::umask(0);
  std::string path = dir_.File("k");
  Status s = WriteSigningKeyFile(path, SigningKey::Generate());
  ::umask(old);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(ModeOf(path), 0600u);
}

TEST_F(KeyFileTest, ExistingKeyIsNeverOverwritten) {
  std::string path = dir_.File("signing.key");
  SigningKey first = SigningKey::Generate();
  ASSERT_TRUE(WriteSigningKeyFile(path, first).ok());
  Status s = WriteSigningKeyFile(path, SigningKey::Generate());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(LoadSigningKeyFile(path)->public_key(), first.public_key());
}

TEST_F(KeyFileTest, GroupOrWorldReadableKeyIsRefusedWithTheFix) {
  std::string path = dir_.File("signing.key");
  ASSERT_TRUE(WriteSigningKeyFile(path, SigningKey::Generate()).ok());
  for (mode_t mode : {0640, 0644, 0604, 0660, 0606}) {
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
    auto r = LoadSigningKeyFile(path);
    ASSERT_FALSE(r.ok()) << std::oct << mode;
    EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
    EXPECT_NE(r.status().message().find("chmod 600 " + path), std::string::npos)
        << r.status().message();
  }
  ASSERT_EQ(::chmod(path.c_str(), 0400), 0);
  EXPECT_TRUE(LoadSigningKeyFile(path).ok());
}

TEST_F(KeyFileTest, MissingKeyIsNotFound) {
  auto r = LoadSigningKeyFile(dir_.File("nope.key"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST_F(KeyFileTest, SymlinkIsRefused) {
  std::string real = dir_.File("real.key");
  ASSERT_TRUE(WriteSigningKeyFile(real, SigningKey::Generate()).ok());
  std::string link = dir_.File("link.key");
  ASSERT_EQ(::symlink(real.c_str(), link.c_str()), 0);
  auto r = LoadSigningKeyFile(link);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(r.status().message().find("symbolic link"), std::string::npos);
  // Nor is a key written through a link.
  std::string dangling = dir_.File("dangling.key");
  ASSERT_EQ(::symlink(dir_.File("target").c_str(), dangling.c_str()), 0);
  EXPECT_FALSE(WriteSigningKeyFile(dangling, SigningKey::Generate()).ok());
}

TEST_F(KeyFileTest, DirectoryIsRefused) {
  std::string d = dir_.File("dir.key");
  ASSERT_EQ(::mkdir(d.c_str(), 0700), 0);
  EXPECT_FALSE(LoadSigningKeyFile(d).ok());
}

TEST_F(KeyFileTest, DamagedOrForeignContentIsDataLoss) {
  auto write = [this](const std::string& name, const std::string& content) {
    std::string p = dir_.File(name);
    std::ofstream(p) << content;
    ::chmod(p.c_str(), 0600);
    return p;
  };
  const std::string cases[] = {
      "hello\n",
      "citynet ed25519 secret key v1\nnot base64!\n",
      "citynet ed25519 secret key v1\nAAAA\n",  // 3 bytes
      "citynet ed25519 secret key v1\n",
  };
  int i = 0;
  for (const std::string& content : cases) {
    auto r = LoadSigningKeyFile(write("bad" + std::to_string(i++), content));
    ASSERT_FALSE(r.ok()) << content;
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss) << content;
  }
  auto empty = LoadSigningKeyFile(write("empty", ""));
  EXPECT_EQ(empty.status().code(), StatusCode::kDataLoss);
}

TEST_F(KeyFileTest, TransportKeyFileIsNotASigningKey) {
  std::string path = dir_.File("transport.key");
  ASSERT_TRUE(WriteTransportKeyFile(path, TransportKey::Generate()).ok());
  auto r = LoadSigningKeyFile(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find("first line"), std::string::npos);
}

}  // namespace
}  // namespace citynet::protocol
