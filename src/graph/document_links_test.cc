#include "graph/document_links.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "store/indexer.h"
#include "testing/run.h"

namespace entgraph {
namespace {

namespace fs = std::filesystem;

const char* const kNames[] = {"Alice Archer", "Bob Baker",     "Cedar Corp",
                              "Delta Bank",   "Echo Pipeline", "Fay Fisher"};

Dictionary SixEntities() {
  Dictionary dict;
  std::string tsv;
  for (const char* name : kNames) tsv += std::string("person\t") + name + "\n";
  dict.Parse(tsv, "six.tsv");
  return dict;
}

// Builds a database of `texts` (one file each, stored in order) and reads ids back by name.
class Built {
 public:
  explicit Built(const std::vector<std::string>& texts) {
    std::vector<std::string> files;
    for (size_t i = 0; i < texts.size(); ++i) {
      files.push_back(dir_.Write("doc" + std::to_string(1000 + i) + ".txt", texts[i]));
    }
    Build(db_path(), SixEntities(), files, {});
    store_.emplace(Store::OpenForReading(db_path()));
    auto q = store_->db().Prepare("SELECT id FROM entities WHERE name = ?");
    for (const char* name : kNames) {
      q.Bind(1, std::string(name));
      EXPECT_TRUE(q.Step());
      ids_[name] = q.Int(0);
      q.Reset();
    }
  }
  std::string db_path() const { return (dir_.path() / "g.db").string(); }
  Store& store() { return *store_; }
  int64_t id(const std::string& name) { return ids_.at(name); }

 private:
  testing::TempDir dir_;
  std::optional<Store> store_;
  std::map<std::string, int64_t> ids_;
};

TEST(DocumentLinksTest, AnEntitysLinksCountTheDocumentsNamingBoth) {
  Built db({"Alice Archer met Bob Baker.\n",
            "Cedar Corp hired Alice Archer.\n\nMuch later Bob Baker left, and Alice Archer stayed.\n",
            "Delta Bank stood alone.\n"});
  const int64_t alice = db.id("Alice Archer"), bob = db.id("Bob Baker"), cedar = db.id("Cedar Corp");
  const std::vector<DocumentLink> links = DocumentLinksOf(db.store(), alice);
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].other, bob);
  EXPECT_EQ(links[0].data.weight, 2);  // two documents, however often each names them
  EXPECT_DOUBLE_EQ(links[0].data.dice, 1.0);
  EXPECT_EQ(links[0].first_doc, 1);
  EXPECT_EQ(links[1].other, cedar);
  EXPECT_EQ(links[1].data.weight, 1);
  EXPECT_DOUBLE_EQ(links[1].data.dice, 2.0 * 1 / (2 + 1));
  EXPECT_EQ(links[1].first_doc, 2);

  const std::optional<DocumentLink> between = DocumentLinkBetween(db.store(), cedar, alice);
  ASSERT_TRUE(between);
  EXPECT_EQ(between->other, alice);
  EXPECT_EQ(between->data.weight, 1);
  EXPECT_EQ(between->first_doc, 2);
  EXPECT_FALSE(DocumentLinkBetween(db.store(), alice, db.id("Delta Bank")));
  EXPECT_FALSE(DocumentLinkBetween(db.store(), alice, alice));
  EXPECT_TRUE(DocumentLinksOf(db.store(), db.id("Delta Bank")).empty());
  EXPECT_TRUE(DocumentLinksOf(db.store(), db.id("Fay Fisher")).empty());  // never mentioned
}

TEST(DocumentLinksTest, EveryWayOfAskingAgreesWithCountingByHand) {
  // Forty documents naming random entities; the weight of a pair is counted here from what each
  // document was written to name.
  std::mt19937 rng(11);
  std::vector<std::string> texts;
  std::vector<std::set<std::string>> named;
  for (int d = 0; d < 40; ++d) {
    std::string text;
    std::set<std::string>& in = named.emplace_back();
    const int sentences = static_cast<int>(rng() % 4);
    for (int s = 0; s < sentences; ++s) {
      const char* name = kNames[rng() % 6];
      in.insert(name);
      text += std::string("Today ") + name + " spoke.\n" + (rng() % 3 == 0 ? "\n" : "");
    }
    texts.push_back(text + "The end of page " + std::to_string(d) + ".\n");  // no two alike
  }
  Built db(texts);
  const std::vector<EdgeCount> all = AllDocumentLinks(db.store());
  size_t pairs = 0;
  for (const char* x : kNames) {
    for (const char* y : kNames) {
      const int64_t a = db.id(x), b = db.id(y);
      int64_t weight = 0, first = 0, docs_a = 0, docs_b = 0;
      for (size_t d = 0; d < named.size(); ++d) {
        docs_a += named[d].count(x);
        docs_b += named[d].count(y);
        if (a == b || !named[d].count(x) || !named[d].count(y)) continue;
        if (weight++ == 0) first = static_cast<int64_t>(d) + 1;
      }
      const std::optional<DocumentLink> between = DocumentLinkBetween(db.store(), a, b);
      ASSERT_EQ(between.has_value(), weight > 0) << x << " / " << y;
      if (!between) continue;
      EXPECT_EQ(between->data.weight, weight) << x << " / " << y;
      EXPECT_DOUBLE_EQ(between->data.dice,
                       2.0 * static_cast<double>(weight) / static_cast<double>(docs_a + docs_b));
      EXPECT_EQ(between->first_doc, first);
      bool listed = false;
      for (const DocumentLink& l : DocumentLinksOf(db.store(), a)) {
        if (l.other != b) continue;
        listed = true;
        EXPECT_EQ(l.data.weight, weight);
        EXPECT_DOUBLE_EQ(l.data.dice, between->data.dice);
        EXPECT_EQ(l.first_doc, first);
      }
      EXPECT_TRUE(listed) << x << " / " << y;
      if (a < b) {
        ++pairs;
        auto it = std::find_if(all.begin(), all.end(), [&](const EdgeCount& e) {
          return e.a == static_cast<uint32_t>(a) && e.b == static_cast<uint32_t>(b);
        });
        ASSERT_NE(it, all.end()) << x << " / " << y;
        EXPECT_EQ(it->scope, Scope::kDocument);
        EXPECT_EQ(static_cast<int64_t>(it->weight), weight);
        EXPECT_DOUBLE_EQ(it->dice, between->data.dice);
        EXPECT_EQ(it->first_doc, first);
      }
    }
  }
  EXPECT_EQ(all.size(), pairs);
  EXPECT_GT(pairs, 5u);
}

}  // namespace
}  // namespace entgraph
