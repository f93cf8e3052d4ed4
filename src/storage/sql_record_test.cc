// Rows read back from a store (sql_record.cc's reader) are checked like input: a text column edited
// outside the product to bytes that are not UTF-8 is reported, naming the table and column, not
// passed on.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "contextmap/storage/store.h"
#include "storage/sql_connection.h"

namespace contextmap::storage {
namespace {

std::string NewSqlitePath() {
  const char* tmp = std::getenv("CONTEXTMAP_TEST_TMP");
  std::filesystem::path dir = tmp != nullptr ? tmp : std::filesystem::temp_directory_path();
  std::filesystem::create_directories(dir);
  auto path = dir / ("sql_record_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  return path.string();
}

TEST(SqlRecordTest, TextReadBackMustBeUtf8) {
  const std::string path = NewSqlitePath();
  {
    auto store = Store::Open("sqlite:" + path);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    Subject place;
    place.id = "sub-loc-arcade";
    place.kind = SubjectKind::kLocation;
    place.label = "Seafront arcade";
    Record r = place;
    Status created = (*store)->Create(&r);
    ASSERT_TRUE(created.ok()) << created.ToString();
    ASSERT_TRUE((*store)->Get(RecordKind::kSubject, "sub-loc-arcade").ok());
  }
  // Someone edits the file with another tool: Latin-1 bytes in a text column.
  {
    auto db = OpenSqlite(path);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE((*db)
                    ->ExecScript("UPDATE subjects SET label = CAST(X'436166E9' AS TEXT) "
                                 "WHERE id = 'sub-loc-arcade'")
                    .ok());
  }
  auto store = Store::Open("sqlite:" + path);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  Result<Record> read = (*store)->Get(RecordKind::kSubject, "sub-loc-arcade");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), StatusCode::kInternal);
  EXPECT_EQ(read.status().message(), "a stored value in subjects.label cannot be read back");
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace contextmap::storage
