// Document links, worked out from what the database keeps of each document when a query asks,
// instead of stored as rows.
//
// Two entities are linked at document scope when a document names both; the weight is the number
// of such documents and Dice is over each entity's documents, as at the other scopes
// (cooccurrence/cooccurrence.h). As rows they are every pair of each document's entities: 5.7
// million for one 200 MB file naming 3,390 towns, beside 133,000 sentence and paragraph links, and
// writing them was two thirds of that build and most of its memory. The database keeps what they
// are made of instead, each document's distinct entities and each entity's documents (store.h),
// and the queries that ask for document scope read those: an entity's links cost a read of its
// documents' entity lists.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "cooccurrence/edge_counter.h"
#include "graph/graph.h"
#include "store/store.h"

namespace entgraph {

struct DocumentLink {
  int64_t other = 0;      // the linked entity
  EdgeData data;          // documents naming both; Dice over documents
  int64_t first_doc = 0;  // the first document naming both
};

// The document links of entity `id`, by the other entity's id.
std::vector<DocumentLink> DocumentLinksOf(Store& store, int64_t id);

// The document link between a and b, if a document names both (its `other` is b).
std::optional<DocumentLink> DocumentLinkBetween(Store& store, int64_t a, int64_t b);

// Every document link, by (a, b) with a < b: what a build would have stored.
std::vector<EdgeCount> AllDocumentLinks(Store& store);

}  // namespace entgraph
