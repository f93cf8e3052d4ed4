// Tests for PostgresConnection against a real server.
//
// Needs CONTEXTMAP_TEST_POSTGRES (a libpq URL, e.g. from scripts/with-postgres); without it the
// tests are skipped, unless CONTEXTMAP_REQUIRE_POSTGRES=1, when they fail. Every test works in
// its own session's temporary tables, so several runs can share one database at once.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "contextmap/core/status.h"
#include "storage/sql_connection.h"

namespace contextmap::storage {
namespace {

using Values = std::vector<SqlValue>;

std::string TestUrl() {
  const char* url = std::getenv("CONTEXTMAP_TEST_POSTGRES");
  return url != nullptr ? url : "";
}

bool PostgresRequired() {
  const char* require = std::getenv("CONTEXTMAP_REQUIRE_POSTGRES");
  return require != nullptr && std::string_view(require) == "1";
}

class PostgresConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (TestUrl().empty()) {
      if (PostgresRequired()) {
        FAIL() << "CONTEXTMAP_REQUIRE_POSTGRES=1 but CONTEXTMAP_TEST_POSTGRES is not set";
      }
      GTEST_SKIP() << "CONTEXTMAP_TEST_POSTGRES is not set (run under scripts/with-postgres)";
    }
    conn_ = Connect();
    ASSERT_NE(conn_, nullptr);
  }

  static std::unique_ptr<SqlConnection> Connect() {
    Result<std::unique_ptr<SqlConnection>> conn = OpenPostgres(TestUrl());
    EXPECT_TRUE(conn.ok()) << conn.status().ToString();
    if (!conn.ok()) return nullptr;
    return std::move(conn).value();
  }

  void Exec(std::string_view sql) {
    const Status status = conn_->ExecScript(sql);
    ASSERT_TRUE(status.ok()) << status.ToString() << " for " << sql;
  }

  // The first column of the first row as an integer; -1 if the statement fails or is empty.
  static int64_t QueryInt(SqlConnection& conn, std::string_view sql, const Values& params = {}) {
    int64_t value = -1;
    const Result<int64_t> result = conn.Run(sql, params, [&](const SqlRow& row) {
      value = row.Int(0);
      return Status::Ok();
    });
    EXPECT_TRUE(result.ok()) << result.status().ToString() << " for " << sql;
    return value;
  }
  int64_t QueryInt(std::string_view sql, const Values& params = {}) {
    return QueryInt(*conn_, sql, params);
  }

  Status Insert(std::string_view sql, const Values& params) {
    return conn_->Run(sql, params, nullptr).status();
  }

  std::unique_ptr<SqlConnection> conn_;
};

TEST(PostgresOpenTest, UnreachableServerIsUnavailable) {
  const Result<std::unique_ptr<SqlConnection>> conn =
      OpenPostgres("postgresql://postgres:not-a-real-secret@127.0.0.1:1/contextmap_test");
  ASSERT_FALSE(conn.ok());
  EXPECT_EQ(conn.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(conn.status().message().find("cannot connect to PostgreSQL"), std::string::npos);
  EXPECT_EQ(conn.status().message().find("not-a-real-secret"), std::string::npos);
}

TEST_F(PostgresConnectionTest, DialectIsPostgres) {
  EXPECT_EQ(conn_->dialect(), Dialect::kPostgres);
}

TEST_F(PostgresConnectionTest, SessionIsUtcAndUtf8) {
  std::string zone, encoding;
  ASSERT_TRUE(conn_
                  ->Run("SELECT current_setting('TimeZone'), current_setting('client_encoding')",
                        {},
                        [&](const SqlRow& row) {
                          zone = row.Text(0);
                          encoding = row.Text(1);
                          return Status::Ok();
                        })
                  .ok());
  EXPECT_EQ(zone, "UTC");
  EXPECT_EQ(encoding, "UTF8");
}

TEST_F(PostgresConnectionTest, PlaceholdersAreRewrittenOutsideQuotes) {
  std::string joined;
  const Values params = {std::string("a"), std::string("b")};
  const Result<int64_t> result = conn_->Run("SELECT CAST(? AS text) || '?' || CAST(? AS text)",
                                            params, [&](const SqlRow& row) {
                                              joined = row.Text(0);
                                              return Status::Ok();
                                            });
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(joined, "a?b");

  // `?` inside literals, quoted identifiers and comments is not a placeholder.
  const std::string_view sql = R"sql(
      SELECT 'it''s ?' AS a, E'\'?' AS b, $$ ? $$ AS c, $tag$ ? $tag$ AS d, t."?" AS e,
             CAST(? AS bigint) AS f /* ? /* nested ? */ ? */
      FROM (SELECT 7 AS "?") AS t -- trailing ?
  )sql";
  std::vector<std::string> texts;
  const Result<int64_t> quoted = conn_->Run(sql, Values{int64_t{42}}, [&](const SqlRow& row) {
    EXPECT_EQ(row.size(), 6);
    for (int i = 0; i < row.size(); ++i) texts.emplace_back(row.Text(i));
    return Status::Ok();
  });
  ASSERT_TRUE(quoted.ok()) << quoted.status().ToString();
  EXPECT_EQ(texts, (std::vector<std::string>{"it's ?", "'?", " ? ", " ? ", "7", "42"}));
}

TEST_F(PostgresConnectionTest, WrongNumberOfParametersIsAnError) {
  const Result<int64_t> result = conn_->Run("SELECT CAST(? AS bigint)", Values{}, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInternal);
  EXPECT_EQ(QueryInt("SELECT CAST(? AS bigint)", {int64_t{5}}), 5);  // still usable
}

TEST_F(PostgresConnectionTest, ValuesRoundTrip) {
  Exec("CREATE TEMP TABLE rt (id bigint PRIMARY KEY, i bigint, r double precision, t text)");
  const std::string tricky =
      "Zo\u00eb \"double\" 'single' '' \\ back\\slash \u2014 \u6f22\u5b57 \U0001F642 ?";
  const std::vector<Values> rows = {
      {int64_t{1}, std::monostate{}, std::monostate{}, std::monostate{}},
      {int64_t{2}, std::numeric_limits<int64_t>::min(), 0.1, tricky},
      {int64_t{3}, std::numeric_limits<int64_t>::max(), 1e300, std::string()},
      {int64_t{4}, int64_t{0}, -0.0, std::string("?")},
      {int64_t{5}, int64_t{-1}, 4.9e-324, std::string("line\nbreak\ttab")},
      {int64_t{6}, int64_t{1}, std::numeric_limits<double>::infinity(), std::string("x")},
      {int64_t{7}, int64_t{2}, -std::numeric_limits<double>::infinity(), std::string("y")},
      {int64_t{8}, int64_t{3}, std::numeric_limits<double>::quiet_NaN(), std::string("z")},
      {int64_t{9}, int64_t{4}, 123456789.125, std::string("1.5")},
  };
  for (const Values& row : rows) {
    const Result<int64_t> inserted = conn_->Run("INSERT INTO rt VALUES (?, ?, ?, ?)", row, nullptr);
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    EXPECT_EQ(inserted.value(), 1);
  }

  size_t n = 0;
  const Result<int64_t> read =
      conn_->Run("SELECT id, i, r, t FROM rt ORDER BY id", {}, [&](const SqlRow& row) {
        EXPECT_EQ(row.size(), 4);
        if (n >= rows.size()) return Status::Internal("too many rows");
        const Values& want = rows[n++];
        EXPECT_EQ(row.Int(0), std::get<int64_t>(want[0]));
        if (std::holds_alternative<std::monostate>(want[1])) {
          EXPECT_TRUE(row.IsNull(1));
          EXPECT_TRUE(row.IsNull(2));
          EXPECT_TRUE(row.IsNull(3));
          return Status::Ok();
        }
        EXPECT_FALSE(row.IsNull(1));
        EXPECT_FALSE(row.IsNull(2));
        EXPECT_FALSE(row.IsNull(3));
        EXPECT_EQ(row.Int(1), std::get<int64_t>(want[1]));
        const double want_real = std::get<double>(want[2]);
        if (std::isnan(want_real)) {
          EXPECT_TRUE(std::isnan(row.Real(2))) << row.Text(2);
        } else {
          EXPECT_EQ(row.Real(2), want_real) << row.Text(2);
          EXPECT_EQ(std::signbit(row.Real(2)), std::signbit(want_real)) << row.Text(2);
        }
        EXPECT_EQ(row.Text(3), std::get<std::string>(want[3]));
        return Status::Ok();
      });
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read.value(), 0);
  EXPECT_EQ(n, rows.size());

  // Values compare equal on the server too, i.e. they were not rounded on the way in.
  EXPECT_EQ(QueryInt("SELECT count(*) FROM rt WHERE r = ? AND t = ?", {0.1, tricky}), 1);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM rt WHERE i = ?", {std::numeric_limits<int64_t>::min()}),
            1);
}

TEST_F(PostgresConnectionTest, BooleansReadAsIntegers) {
  std::vector<int64_t> values;
  ASSERT_TRUE(conn_
                  ->Run("SELECT true, false", {},
                        [&](const SqlRow& row) {
                          values = {row.Int(0), row.Int(1)};
                          return Status::Ok();
                        })
                  .ok());
  EXPECT_EQ(values, (std::vector<int64_t>{1, 0}));
}

TEST_F(PostgresConnectionTest, TextWithNulIsRejected) {
  const Result<int64_t> result =
      conn_->Run("SELECT CAST(? AS text)", Values{std::string("a\0b", 3)}, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(PostgresConnectionTest, RowsAffected) {
  Exec("CREATE TEMP TABLE ra (id bigint PRIMARY KEY, v text)");
  Result<int64_t> r =
      conn_->Run("INSERT INTO ra VALUES (?, ?)", Values{int64_t{1}, "one"}, nullptr);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 1);
  r = conn_->Run("INSERT INTO ra SELECT g, 'x' FROM generate_series(2, 10) AS g", {}, nullptr);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 9);
  r = conn_->Run("UPDATE ra SET v = ? WHERE id > ?", Values{"big", int64_t{4}}, nullptr);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 6);
  r = conn_->Run("UPDATE ra SET v = 'none' WHERE id > 100", {}, nullptr);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 0);
  r = conn_->Run("DELETE FROM ra WHERE id <= ?", Values{int64_t{3}}, nullptr);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 3);
  int rows = 0;
  r = conn_->Run("SELECT * FROM ra", {}, [&](const SqlRow&) {
    ++rows;
    return Status::Ok();
  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 0);
  EXPECT_EQ(rows, 7);
  int64_t returned = 0;
  r = conn_->Run("INSERT INTO ra VALUES (?, 'r') RETURNING id", Values{int64_t{99}},
                 [&](const SqlRow& row) {
                   returned = row.Int(0);
                   return Status::Ok();
                 });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 1);
  EXPECT_EQ(returned, 99);
}

TEST_F(PostgresConnectionTest, CallbackErrorStopsTheRows) {
  int calls = 0;
  const Result<int64_t> result =
      conn_->Run("SELECT g FROM generate_series(1, 10) AS g", {}, [&](const SqlRow& row) {
        ++calls;
        if (row.Int(0) == 3) return Status::NotFound("stop here");
        return Status::Ok();
      });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(result.status().message(), "stop here");
  EXPECT_EQ(calls, 3);
}

TEST_F(PostgresConnectionTest, DuplicateKeyIsAlreadyExistsWithoutTheValue) {
  Exec("CREATE TEMP TABLE people (name text PRIMARY KEY, born text)");
  const std::string secret = "Jane-Secret-Doe-4711";
  ASSERT_TRUE(Insert("INSERT INTO people VALUES (?, ?)", {secret, "2001-02-03"}).ok());
  const Status status = Insert("INSERT INTO people VALUES (?, ?)", {secret, "2001-02-03"});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(status.field(), "people_pkey");
  EXPECT_EQ(status.ToString().find(secret), std::string::npos) << status.ToString();
  EXPECT_EQ(status.ToString().find("2001"), std::string::npos) << status.ToString();
  EXPECT_EQ(status.message(), "a record with that key already exists");
}

TEST_F(PostgresConnectionTest, ForeignKeyViolationIsFailedPrecondition) {
  Exec(
      "CREATE TEMP TABLE parent (id bigint PRIMARY KEY);"
      "CREATE TEMP TABLE child (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent (id))");
  Status status = Insert("INSERT INTO child VALUES (?, ?)", {int64_t{1}, int64_t{987654}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.field(), "child_parent_id_fkey");
  EXPECT_EQ(status.ToString().find("987654"), std::string::npos) << status.ToString();

  ASSERT_TRUE(Insert("INSERT INTO parent VALUES (?)", {int64_t{5}}).ok());
  ASSERT_TRUE(Insert("INSERT INTO child VALUES (?, ?)", {int64_t{1}, int64_t{5}}).ok());
  status = Insert("DELETE FROM parent WHERE id = ?", {int64_t{5}});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
}

TEST_F(PostgresConnectionTest, BadValuesAreInvalidArgument) {
  Exec(
      "CREATE TEMP TABLE checked (id bigint PRIMARY KEY, name text NOT NULL,"
      " age bigint CONSTRAINT age_positive CHECK (age > 0))");
  Status status =
      Insert("INSERT INTO checked VALUES (?, ?, ?)", {int64_t{1}, std::monostate{}, int64_t{3}});
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
  EXPECT_EQ(status.field(), "name");

  status = Insert("INSERT INTO checked VALUES (?, ?, ?)", {int64_t{1}, "Secret Name", int64_t{-4}});
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
  EXPECT_EQ(status.field(), "age_positive");
  EXPECT_EQ(status.ToString().find("Secret"), std::string::npos) << status.ToString();

  status = Insert("INSERT INTO checked VALUES (?, ?, ?)", {"not-a-number-123", "n", int64_t{4}});
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
  EXPECT_EQ(status.ToString().find("not-a-number"), std::string::npos) << status.ToString();
}

TEST_F(PostgresConnectionTest, OtherErrorsNameOnlyTheSqlState) {
  Result<int64_t> result = conn_->Run("SELEC 'secret-literal'", {}, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInternal);
  EXPECT_EQ(result.status().message(), "the database reported an error (SQLSTATE 42601)");

  result = conn_->Run("SELECT * FROM no_such_table_here", {}, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "the database reported an error (SQLSTATE 42P01)");

  const Status script = conn_->ExecScript("SELECT 1; SELECT 1/0");
  EXPECT_EQ(script.code(), StatusCode::kInvalidArgument) << script.ToString();  // 22012
}

TEST_F(PostgresConnectionTest, ExecScriptRunsSeveralStatements) {
  Exec(
      "CREATE TEMP TABLE s1 (id bigint);"
      "INSERT INTO s1 VALUES (1), (2);\n"
      "-- a comment with a ? in it\n"
      "INSERT INTO s1 SELECT id + 10 FROM s1;");
  EXPECT_EQ(QueryInt("SELECT sum(id) FROM s1"), 1 + 2 + 11 + 12);
}

TEST_F(PostgresConnectionTest, RollbackDiscardsAndCommitKeeps) {
  Exec("CREATE TEMP TABLE tx (id bigint PRIMARY KEY)");
  ASSERT_TRUE(conn_->Begin(/*for_write=*/true).ok());
  ASSERT_TRUE(Insert("INSERT INTO tx VALUES (?)", {int64_t{1}}).ok());
  EXPECT_EQ(QueryInt("SELECT count(*) FROM tx"), 1);
  ASSERT_TRUE(conn_->Rollback().ok());
  EXPECT_EQ(QueryInt("SELECT count(*) FROM tx"), 0);

  ASSERT_TRUE(conn_->Begin(/*for_write=*/true).ok());
  ASSERT_TRUE(Insert("INSERT INTO tx VALUES (?)", {int64_t{2}}).ok());
  ASSERT_TRUE(conn_->Commit().ok());
  EXPECT_EQ(QueryInt("SELECT count(*) FROM tx"), 1);
}

TEST_F(PostgresConnectionTest, CommitAfterAFailedStatementReportsIt) {
  Exec("CREATE TEMP TABLE tx (id bigint PRIMARY KEY)");
  ASSERT_TRUE(conn_->Begin(/*for_write=*/true).ok());
  ASSERT_TRUE(Insert("INSERT INTO tx VALUES (?)", {int64_t{1}}).ok());
  EXPECT_EQ(Insert("INSERT INTO tx VALUES (?)", {int64_t{1}}).code(), StatusCode::kAlreadyExists);
  const Status commit = conn_->Commit();
  EXPECT_FALSE(commit.ok());
  EXPECT_EQ(QueryInt("SELECT count(*) FROM tx"), 0);
}

TEST_F(PostgresConnectionTest, RunBatchInsertsManyRows) {
  Exec("CREATE TEMP TABLE bulk (id bigint PRIMARY KEY, score double precision, note text)");
  constexpr int64_t kRows = 10000;
  Values params;
  for (int64_t i = 0; i < kRows; ++i) {
    params.emplace_back(i);
    params.emplace_back(static_cast<double>(i) / 7.0);
    if (i % 10 == 0) {
      params.emplace_back(std::monostate{});
    } else {
      params.emplace_back("note " + std::to_string(i) + " \u00e9 '?'");
    }
  }
  ASSERT_TRUE(conn_->Begin(/*for_write=*/true).ok());
  const Status status = conn_->RunBatch("INSERT INTO bulk VALUES (?, ?, ?)", 3, params);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_TRUE(conn_->Commit().ok());
  EXPECT_EQ(QueryInt("SELECT count(*) FROM bulk"), kRows);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM bulk WHERE note IS NULL"), kRows / 10);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM bulk WHERE score = ?", {9999.0 / 7.0}), 1);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM bulk WHERE note = ?", {"note 4321 \u00e9 '?'"}), 1);

  // Outside a transaction too, and again with the statement already prepared.
  Values more;
  for (int64_t i = kRows; i < kRows + 2500; ++i) {
    more.insert(more.end(), {i, 0.5, std::monostate{}});
  }
  ASSERT_TRUE(conn_->RunBatch("INSERT INTO bulk VALUES (?, ?, ?)", 3, more).ok());
  EXPECT_EQ(QueryInt("SELECT count(*) FROM bulk"), kRows + 2500);

  EXPECT_TRUE(conn_->RunBatch("INSERT INTO bulk VALUES (?, ?, ?)", 3, Values{}).ok());
  EXPECT_EQ(conn_->RunBatch("INSERT INTO bulk VALUES (?, ?, ?)", 2, Values(4, int64_t{1})).code(),
            StatusCode::kInternal);
  EXPECT_EQ(conn_->RunBatch("INSERT INTO bulk VALUES (?, ?, ?)", 3, Values(4, int64_t{1})).code(),
            StatusCode::kInternal);
}

class RunBatchDuplicateTest : public PostgresConnectionTest,
                              public ::testing::WithParamInterface<int64_t> {};

// A batch of 10,000 ids 0..9999 in which the row at GetParam() repeats id 17 (or id 18 when
// GetParam() is 17 or less, so the duplicate comes second).
Values BatchWithDuplicateAt(int64_t position) {
  Values params;
  for (int64_t i = 0; i < 10000; ++i) {
    const int64_t dup = position <= 17 ? 9999 : 17;
    params.emplace_back(i == position ? dup : i);
    params.emplace_back("secret-" + std::to_string(i));
  }
  return params;
}

TEST_P(RunBatchDuplicateTest, InTransactionFailsAndConnectionRecovers) {
  Exec("CREATE TEMP TABLE bulk (id bigint PRIMARY KEY, note text)");
  const int64_t pid = QueryInt("SELECT pg_backend_pid()");
  ASSERT_TRUE(conn_->Begin(/*for_write=*/true).ok());
  ASSERT_TRUE(Insert("INSERT INTO bulk VALUES (?, ?)", {int64_t{-1}, "before"}).ok());
  const Status status =
      conn_->RunBatch("INSERT INTO bulk VALUES (?, ?)", 2, BatchWithDuplicateAt(GetParam()));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kAlreadyExists) << status.ToString();
  EXPECT_EQ(status.field(), "bulk_pkey");
  EXPECT_EQ(status.ToString().find("secret"), std::string::npos);
  EXPECT_EQ(status.ToString().find("17"), std::string::npos);
  ASSERT_TRUE(conn_->Rollback().ok());

  EXPECT_EQ(QueryInt("SELECT pg_backend_pid()"), pid);  // same session: drained, not reset
  EXPECT_EQ(QueryInt("SELECT count(*) FROM bulk"), 0);
  Values good;
  for (int64_t i = 0; i < 3000; ++i) good.insert(good.end(), {i, "ok"});
  ASSERT_TRUE(conn_->Begin(/*for_write=*/true).ok());
  const Status again = conn_->RunBatch("INSERT INTO bulk VALUES (?, ?)", 2, good);
  ASSERT_TRUE(again.ok()) << again.ToString();
  ASSERT_TRUE(conn_->Commit().ok());
  EXPECT_EQ(QueryInt("SELECT count(*) FROM bulk"), 3000);
}

TEST_P(RunBatchDuplicateTest, WithoutTransactionNothingIsKept) {
  Exec("CREATE TEMP TABLE bulk (id bigint PRIMARY KEY, note text)");
  const int64_t pid = QueryInt("SELECT pg_backend_pid()");
  const Status status =
      conn_->RunBatch("INSERT INTO bulk VALUES (?, ?)", 2, BatchWithDuplicateAt(GetParam()));
  EXPECT_EQ(status.code(), StatusCode::kAlreadyExists) << status.ToString();
  EXPECT_EQ(QueryInt("SELECT pg_backend_pid()"), pid);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM bulk"), 0);  // one implicit transaction
  EXPECT_EQ(QueryInt("SELECT CAST(? AS bigint)", {int64_t{12}}), 12);
}

INSTANTIATE_TEST_SUITE_P(Positions, RunBatchDuplicateTest,
                         ::testing::Values(int64_t{0}, int64_t{999}, int64_t{1000}, int64_t{5000},
                                           int64_t{9999}));

TEST_F(PostgresConnectionTest, BadValueInBatchSendsNothing) {
  Exec("CREATE TEMP TABLE bulk (id bigint PRIMARY KEY, note text)");
  Values params;
  for (int64_t i = 0; i < 3000; ++i) params.insert(params.end(), {i, "ok"});
  params[2 * 2500 + 1] = std::string("nul\0inside", 10);
  EXPECT_EQ(conn_->RunBatch("INSERT INTO bulk VALUES (?, ?)", 2, params).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(QueryInt("SELECT count(*) FROM bulk"), 0);
}

TEST_F(PostgresConnectionTest, LostConnectionIsUnavailableThenReconnects) {
  std::unique_ptr<SqlConnection> killer = Connect();
  ASSERT_NE(killer, nullptr);
  auto terminate = [&] {
    const int64_t pid = QueryInt("SELECT pg_backend_pid()");
    ASSERT_GT(pid, 0);
    EXPECT_EQ(QueryInt(*killer, "SELECT CAST(pg_terminate_backend(CAST(? AS int)) AS int)", {pid}),
              1);
  };

  // Between transactions the next call fails and the one after reconnects.
  terminate();
  Result<int64_t> result = conn_->Run("SELECT 1", {}, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kUnavailable) << result.status().ToString();
  EXPECT_EQ(QueryInt("SELECT CAST(? AS bigint)", {int64_t{8}}), 8);

  // Inside a transaction it stays failed until the caller rolls back.
  ASSERT_TRUE(conn_->Begin(/*for_write=*/true).ok());
  terminate();
  result = conn_->Run("SELECT 1", {}, nullptr);
  EXPECT_EQ(result.status().code(), StatusCode::kUnavailable);
  result = conn_->Run("SELECT 1", {}, nullptr);
  EXPECT_EQ(result.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(conn_->RunBatch("SELECT CAST(? AS int)", 1, Values{int64_t{1}}).code(),
            StatusCode::kUnavailable);
  EXPECT_TRUE(conn_->Rollback().ok());
  EXPECT_EQ(QueryInt("SELECT 9"), 9);
}

}  // namespace
}  // namespace contextmap::storage
