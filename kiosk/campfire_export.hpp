// The summary of a campfire meeting as files for a USB stick (docs/campfire.md): the CSV
// (pure, from the flow's state and the pack) and a careful writer for it and the PNG.
// No ImGui, no SQLite.
#pragma once
#include "kiosk/flow.hpp"

#include <string>
#include <vector>

namespace kiosk {

// The CSV, in four parts with a header each, separated by an empty line:
//   session,wijk,held_on,present,pack_id,pack_version
//   question_id,question,option_id,option,count,method     (every option of every question with votes)
//   outcome,id,text                                         (archetype; witte_vlek, one row each)
//   agreement_id,what,who,due,answers,status
// Labels in lang. Every field through wsync::CsvField (sync/csv.hpp): never a formula.
std::string CampfireCsv(const FlowContext& ctx, const CampfireState& g, const std::string& lang);

// Writes data to path through a temporary name in the same folder, fsynced, renamed, and
// the folder fsynced: a stick pulled out early holds the whole file or none of it.
bool WriteFileAtomic(const std::string& path, const std::string& data, std::string* error);

// Folders that look like USB sticks: every writable folder two levels under each root
// (/media/USER/LABEL, /run/media/USER/LABEL), sorted.
std::vector<std::string> UsbFolders(const std::vector<std::string>& roots);

} // namespace kiosk
