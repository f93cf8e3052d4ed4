#include "contextmap/auth/crypto.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <set>
#include <string>
#include <vector>

namespace contextmap::auth {
namespace {

std::vector<uint8_t> BytesOf(std::string_view s) { return {s.begin(), s.end()}; }

// RFC 6238 Appendix B: the SHA-1 key is the 20 ASCII bytes "12345678901234567890".
std::string RfcSecret() { return Base32Encode(BytesOf("12345678901234567890")); }

// A time in the middle of a 30-second step, well after 1970.
constexpr int64_t kNow = 1'700'000'015;  // step 56666667
constexpr int64_t kNowStep = kNow / 30;

std::string Code(std::string_view secret, int64_t t) {
  Result<std::string> code = TotpCode(secret, t);
  EXPECT_TRUE(code.ok()) << code.status().ToString();
  return code.ok() ? *code : std::string();
}

// --- base32 --------------------------------------------------------------------------------------

TEST(Base32Test, EncodesRfc4648Vectors) {
  EXPECT_EQ(Base32Encode(BytesOf("")), "");
  EXPECT_EQ(Base32Encode(BytesOf("f")), "MY");
  EXPECT_EQ(Base32Encode(BytesOf("fo")), "MZXQ");
  EXPECT_EQ(Base32Encode(BytesOf("foo")), "MZXW6");
  EXPECT_EQ(Base32Encode(BytesOf("foob")), "MZXW6YQ");
  EXPECT_EQ(Base32Encode(BytesOf("fooba")), "MZXW6YTB");
  EXPECT_EQ(Base32Encode(BytesOf("foobar")), "MZXW6YTBOI");
}

TEST(Base32Test, DecodesRfc4648VectorsWithAndWithoutPadding) {
  const std::vector<std::pair<std::string, std::string>> vectors = {
      {"", ""},
      {"MY======", "f"},
      {"MZXQ====", "fo"},
      {"MZXW6===", "foo"},
      {"MZXW6YQ=", "foob"},
      {"MZXW6YTB", "fooba"},
      {"MZXW6YTBOI======", "foobar"},
  };
  for (const auto& [encoded, plain] : vectors) {
    Result<std::vector<uint8_t>> padded = Base32Decode(encoded);
    ASSERT_TRUE(padded.ok()) << encoded << ": " << padded.status().ToString();
    EXPECT_EQ(*padded, BytesOf(plain)) << encoded;
    const std::string bare = encoded.substr(0, encoded.find('='));
    Result<std::vector<uint8_t>> unpadded = Base32Decode(bare);
    ASSERT_TRUE(unpadded.ok()) << bare;
    EXPECT_EQ(*unpadded, BytesOf(plain)) << bare;
  }
}

TEST(Base32Test, DecodeToleratesLowerCaseAndSpaces) {
  Result<std::vector<uint8_t>> d = Base32Decode("mzxw 6ytb oi");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(*d, BytesOf("foobar"));
}

TEST(Base32Test, DecodeRejectsBadInput) {
  for (const char* bad : {"MZXW6YT1",   // '1' is not base32
                          "MZXW0YTB",   // nor is '0'
                          "MZ-XW6YTB",  // nor '-'
                          "MY==MZXQ",   // padding in the middle
                          "M",          // 1 character over: no encoding is that long
                          "MZX",        // 3 over
                          "MZXW6Y",     // 6 over
                          "MZ",         // "f" is "MY": the last character has stray bits
                          "MZXW6YTBOJ"}) {
    Result<std::vector<uint8_t>> d = Base32Decode(bad);
    EXPECT_FALSE(d.ok()) << bad;
    if (!d.ok()) {
      EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument) << bad;
    }
  }
}

TEST(Base32Test, RoundTripsEveryLength) {
  std::vector<uint8_t> data;
  for (int n = 0; n < 40; ++n) {
    Result<std::vector<uint8_t>> back = Base32Decode(Base32Encode(data));
    ASSERT_TRUE(back.ok()) << n;
    EXPECT_EQ(*back, data) << n;
    data.push_back(static_cast<uint8_t>(n * 37 + 11));
  }
}

// --- TOTP ----------------------------------------------------------------------------------------

TEST(TotpTest, MatchesRfc6238Sha1Vectors) {
  const std::string secret = RfcSecret();
  EXPECT_EQ(secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  const std::vector<std::pair<int64_t, std::string>> vectors = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& [t, expected] : vectors) {
    Result<std::string> code = TotpCode(secret, t, 8);
    ASSERT_TRUE(code.ok()) << t << ": " << code.status().ToString();
    EXPECT_EQ(*code, expected) << "T=" << t;
  }
}

TEST(TotpTest, SixDigitCodesAreTheLastSixOfTheTruncation) {
  // 94287082 and 07081804 from RFC 6238, modulo 10^6 (leading zero kept).
  EXPECT_EQ(Code(RfcSecret(), 59), "287082");
  EXPECT_EQ(Code(RfcSecret(), 1111111109), "081804");
  EXPECT_EQ(Code(RfcSecret(), 60), Code(RfcSecret(), 89));  // one 30-second step
}

TEST(TotpTest, CodeRejectsBadArguments) {
  Result<std::string> digits = TotpCode(RfcSecret(), 59, 7);
  ASSERT_FALSE(digits.ok());
  EXPECT_EQ(digits.status().field(), "digits");
  Result<std::string> secret = TotpCode("NOT BASE32!", 59);
  ASSERT_FALSE(secret.ok());
  EXPECT_EQ(secret.status().field(), "secret");
  EXPECT_EQ(secret.status().message().find("NOT"), std::string::npos);  // never quoted
  Result<std::string> empty = TotpCode("", 59);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().field(), "secret");
  Result<std::string> time = TotpCode(RfcSecret(), -1);
  ASSERT_FALSE(time.ok());
  EXPECT_EQ(time.status().field(), "time");
}

TEST(TotpTest, NewSecretIs20RandomBytes) {
  const std::string a = NewTotpSecret();
  const std::string b = NewTotpSecret();
  EXPECT_EQ(a.size(), 32U);
  EXPECT_NE(a, b);
  Result<std::vector<uint8_t>> key = Base32Decode(a);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->size(), 20U);
}

TEST(TotpTest, VerifyAcceptsTheCurrentStepAndOneEitherSide) {
  const std::string secret = RfcSecret();
  for (int64_t offset : {-1, 0, 1}) {
    const std::string code = Code(secret, kNow + offset * 30);
    Result<int64_t> step = VerifyTotp(secret, code, kNow, -1);
    ASSERT_TRUE(step.ok()) << offset << ": " << step.status().ToString();
    EXPECT_EQ(*step, kNowStep + offset);
  }
}

TEST(TotpTest, VerifyRefusesTwoStepsAway) {
  const std::string secret = RfcSecret();
  for (int64_t offset : {-2, 2}) {
    const std::string code = Code(secret, kNow + offset * 30);
    ASSERT_NE(code, Code(secret, kNow));  // the test would prove nothing otherwise
    Result<int64_t> step = VerifyTotp(secret, code, kNow, -1);
    ASSERT_FALSE(step.ok()) << offset;
    EXPECT_EQ(step.status().code(), StatusCode::kUnauthenticated);
  }
}

TEST(TotpTest, VerifyRefusesReplay) {
  const std::string secret = RfcSecret();
  const std::string code = Code(secret, kNow);
  Result<int64_t> first = VerifyTotp(secret, code, kNow, kNowStep - 1);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, kNowStep);
  // The same code again, with the step just used recorded: refused, and so is any earlier code.
  Result<int64_t> replay = VerifyTotp(secret, code, kNow, *first);
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.status().code(), StatusCode::kUnauthenticated);
  EXPECT_FALSE(VerifyTotp(secret, code, kNow + 10, *first).ok());
  EXPECT_FALSE(VerifyTotp(secret, Code(secret, kNow - 30), kNow, *first).ok());
  EXPECT_FALSE(VerifyTotp(secret, code, kNow, kNowStep + 1).ok());
  // The next step's code is still good.
  Result<int64_t> next = VerifyTotp(secret, Code(secret, kNow + 30), kNow, *first);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, kNowStep + 1);
}

TEST(TotpTest, VerifyRefusesMalformedCodes) {
  const std::string secret = RfcSecret();
  const std::string code = Code(secret, kNow);
  ASSERT_EQ(code.size(), 6U);
  // Spaces are ignored...
  const std::string spaced = " " + code.substr(0, 3) + " " + code.substr(3) + " ";
  EXPECT_TRUE(VerifyTotp(secret, spaced, kNow, -1).ok());
  // ...anything else is refused, even around the right digits.
  for (const std::string& bad :
       {code + "0", code.substr(0, 5), std::string("12345a"), std::string("abcdef"),
        code.substr(0, 3) + "-" + code.substr(3), "+" + code.substr(1), code + "\n",
        std::string(""), std::string("１２３４５６")}) {
    Result<int64_t> step = VerifyTotp(secret, bad, kNow, -1);
    EXPECT_FALSE(step.ok()) << bad;
    if (!step.ok()) {
      EXPECT_EQ(step.status().code(), StatusCode::kInvalidArgument) << bad;
      EXPECT_EQ(step.status().field(), "code") << bad;
    }
  }
  // The 8-digit form of a right code is not a 6-digit code.
  Result<std::string> eight = TotpCode(secret, kNow, 8);
  ASSERT_TRUE(eight.ok());
  EXPECT_FALSE(VerifyTotp(secret, *eight, kNow, -1).ok());
}

TEST(TotpTest, UriIsPercentEncoded) {
  EXPECT_EQ(TotpUri("Context Map", "jo.example@example.org", "GEZDGNBV"),
            "otpauth://totp/Context%20Map:jo.example%40example.org?secret=GEZDGNBV"
            "&issuer=Context%20Map&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(TotpUri("A&B:C", "x/y?z", "S"),
            "otpauth://totp/A%26B%3AC:x%2Fy%3Fz?secret=S&issuer=A%26B%3AC"
            "&algorithm=SHA1&digits=6&period=30");
}

// --- passwords -----------------------------------------------------------------------------------

TEST(PasswordTest, HashThenVerify) {
  Result<std::string> hash = HashPassword("correct horse battery staple");
  ASSERT_TRUE(hash.ok()) << hash.status().ToString();
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0U) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery stapler"));
  EXPECT_FALSE(VerifyPassword(*hash, "Correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  EXPECT_FALSE(PasswordNeedsRehash(*hash));
  // Salted: the same password never hashes alike.
  Result<std::string> again = HashPassword("correct horse battery staple");
  ASSERT_TRUE(again.ok());
  EXPECT_NE(*hash, *again);
}

TEST(PasswordTest, MalformedHashesNeverVerify) {
  EXPECT_FALSE(VerifyPassword("", "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword("not a hash", "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(std::string(500, 'a'), "correct horse battery staple"));
  EXPECT_TRUE(PasswordNeedsRehash(""));
  EXPECT_TRUE(PasswordNeedsRehash("not a hash"));
}

TEST(PasswordTest, WeakerOrOtherHashesNeedRehash) {
  ASSERT_GE(sodium_init(), 0);
  const std::string password = "correct horse battery staple";
  std::array<char, crypto_pwhash_STRBYTES> weak{};
  ASSERT_EQ(crypto_pwhash_str_alg(weak.data(), password.data(), password.size(), 1,
                                  std::size_t{8} * 1024 * 1024, crypto_pwhash_ALG_ARGON2ID13),
            0);
  EXPECT_TRUE(VerifyPassword(weak.data(), password));  // still lets the user in...
  EXPECT_TRUE(PasswordNeedsRehash(weak.data()));       // ...and asks for an upgrade
  // Argon2i at otherwise-current settings is verified but is not Argon2id.
  std::array<char, crypto_pwhash_STRBYTES> argon2i{};
  ASSERT_EQ(crypto_pwhash_str_alg(argon2i.data(), password.data(), password.size(),
                                  crypto_pwhash_argon2i_OPSLIMIT_MIN, kPasswordMemLimit,
                                  crypto_pwhash_ALG_ARGON2I13),
            0);
  EXPECT_EQ(std::string(argon2i.data()).rfind("$argon2i$", 0), 0U);
  EXPECT_TRUE(VerifyPassword(argon2i.data(), password));
  EXPECT_TRUE(PasswordNeedsRehash(argon2i.data()));
  // Argon2i at exactly our settings (libsodium will not make one: its Argon2i needs t >= 3) is
  // still not Argon2id.
  Result<std::string> ours = HashPassword(password);
  ASSERT_TRUE(ours.ok());
  const std::string relabelled = "$argon2i$" + ours->substr(std::string("$argon2id$").size());
  EXPECT_EQ(relabelled.rfind("$argon2i$v=19$m=19456,t=2,p=1$", 0), 0U) << relabelled;
  EXPECT_TRUE(PasswordNeedsRehash(relabelled));
}

TEST(PasswordTest, LengthLimits) {
  Result<std::string> short_one = HashPassword("elevenchars");
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(short_one.status().field(), "password");
  EXPECT_EQ(short_one.status().message().find("elevenchars"), std::string::npos);
  EXPECT_TRUE(HashPassword("twelve chars").ok());
  EXPECT_TRUE(HashPassword(std::string(1024, 'x')).ok());
  Result<std::string> long_one = HashPassword(std::string(1025, 'x'));
  ASSERT_FALSE(long_one.ok());
  EXPECT_EQ(long_one.status().field(), "password");
}

// --- tokens, digests, recovery codes -------------------------------------------------------------

TEST(TokenTest, RandomTokenIsBase64UrlWithoutPadding) {
  EXPECT_EQ(RandomToken(0), "");
  EXPECT_EQ(RandomToken(1).size(), 2U);
  EXPECT_EQ(RandomToken(2).size(), 3U);
  EXPECT_EQ(RandomToken(3).size(), 4U);
  const std::string a = RandomToken(32);
  const std::string b = RandomToken(32);
  EXPECT_EQ(a.size(), 43U);
  EXPECT_NE(a, b);
  for (char c : a + b) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    EXPECT_TRUE(ok) << "unexpected character '" << c << "' in " << a << " " << b;
  }
}

TEST(TokenTest, Sha256HexMatchesKnownDigests) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(RecoveryCodeTest, NewCodesHaveTheDocumentedShape) {
  const std::vector<std::string> codes = NewRecoveryCodes();
  ASSERT_EQ(codes.size(), 10U);
  EXPECT_TRUE(NewRecoveryCodes(0).empty());
  EXPECT_EQ(NewRecoveryCodes(3).size(), 3U);
  const std::string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  std::set<std::string> distinct;
  for (const std::string& code : codes) {
    ASSERT_EQ(code.size(), 17U) << code;
    for (std::size_t i = 0; i < code.size(); ++i) {
      if (i == 5 || i == 11) {
        EXPECT_EQ(code[i], '-') << code;
      } else {
        EXPECT_NE(alphabet.find(code[i]), std::string::npos) << code;
      }
    }
    distinct.insert(code);
  }
  EXPECT_EQ(distinct.size(), codes.size());
}

TEST(RecoveryCodeTest, HashIsOfTheNormalisedCode) {
  const std::string expected = Sha256Hex("abcdefghjkmnpqr");
  EXPECT_EQ(RecoveryCodeHash("abcde-fghjk-mnpqr"), expected);
  EXPECT_EQ(RecoveryCodeHash("ABCDE-FGHJK-MNPQR"), expected);
  EXPECT_EQ(RecoveryCodeHash(" abcde fghjk-MNpqr "), expected);
  EXPECT_EQ(RecoveryCodeHash("abcdefghjkmnpqr"), expected);
  EXPECT_NE(RecoveryCodeHash("abcde-fghjk-mnpqs"), expected);
  EXPECT_EQ(expected.size(), 64U);
}

}  // namespace
}  // namespace contextmap::auth
