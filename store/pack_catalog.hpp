// Every pack version the store knows: each it has published (table published_packs) and
// the packs installed with it (content/packs/*, --packs DIR). An answer or campfire
// result is checked against the version it names; for a version the store does not know
// it is stored and counted as unverified. No SQLite here.
#pragma once
#include "content/pack.hpp"

#include <map>
#include <memory>
#include <string>
#include <utility>

namespace store {

enum class PackCheck {
    Fits,    // the question and value exist in the pack version named
    Unknown, // the store does not know that pack version: stored, unverified
    Misfit,  // the pack version is known, the question or value is not in it
};

class PackCatalog {
public:
    // Adds (or replaces) a pack by its id and version.
    void Add(content::Pack pack);
    // Loads every folder under dir that holds a pack.json; false and *error when dir is
    // not a folder. Packs with problems are left out, each named in *skipped.
    bool AddFolder(const std::string& dir, std::string* error, std::string* skipped);
    const content::Pack* Find(const std::string& id, const std::string& version) const;
    size_t Size() const { return Packs.size(); }

    // An answer's question (QUESTION.ROW for a matrix row) and value against its pack.
    PackCheck CheckAnswer(const std::string& pack_id, const std::string& version, const std::string& question_id,
                          const std::string& value, std::string* reason) const;
    // A campfire result: one option of a question (or matrix row).
    PackCheck CheckOption(const std::string& pack_id, const std::string& version, const std::string& question_id,
                          const std::string& option, std::string* reason) const;
    // The question is one with choices (not free text) in a known pack version.
    bool IsChoice(const std::string& pack_id, const std::string& version, const std::string& question_id) const;

private:
    std::map<std::pair<std::string, std::string>, std::shared_ptr<const content::Pack>> Packs;
};

} // namespace store
