#include "store/report/run.hpp"
#include "store/report/population.hpp"
#include "store/report/reader.hpp"
#include "store/report/write.hpp"
#include "sync/iso_time.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace report {

namespace {

bool ValidDay(const std::string& d) {
    return d.size() == 10 && d[4] == '-' && d[7] == '-' &&
           d.find_first_not_of("0123456789-") == std::string::npos && PeriodLabel(d.substr(0, 7)) != d.substr(0, 7);
}

bool ReadText(const std::string& path, std::string* text, std::string* error) {
    FILE* f = fopen(path.c_str(), "rb");
    if (!f) {
        *error = "cannot read the population figures " + path + ": " + strerror(errno);
        return false;
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        text->append(buf, n);
        if (text->size() > 16 * 1024 * 1024) {
            fclose(f);
            *error = path + " is too large for population figures (over 16 MiB)";
            return false;
        }
    }
    fclose(f);
    return true;
}

} // namespace

bool Run(const Options& o, std::string* summary, std::vector<std::string>* problems, Report* built) {
    problems->clear();
    if (o.Wijk.empty() || o.Out.empty()) {
        problems->push_back("report needs --wijk NAME and --out DIR");
        return false;
    }
    Input in;
    in.Per = o.Per;
    in.Today = o.Today.empty() ? wsync::IsoToday() : o.Today;
    if (!ValidDay(in.Today)) {
        problems->push_back("--today needs a date as YYYY-MM-DD, not '" + o.Today + "'");
        return false;
    }
    // 1. The population figures: a bad file stops everything before the store is read.
    std::string error;
    Population population;
    if (!o.PopulationFile.empty()) {
        std::string text;
        if (!ReadText(o.PopulationFile, &text, &error)) {
            problems->push_back(error);
            return false;
        }
        *problems = ParsePopulation(text, o.PopulationFile, &population);
        if (!problems->empty())
            return false;
    }
    // 2. The store.
    if (!ReadStore(o.Db, o.Wijk, &in, &error)) {
        problems->push_back(error);
        return false;
    }
    if (!o.PopulationFile.empty()) {
        if (in.Pack)
            *problems = CheckPopulation(population, *in.Pack);
        if (!problems->empty())
            return false;
        in.Residents = population;
    }
    // 3. Build and write.
    Report r = BuildReport(in);
    Written w;
    if (!WriteReport(r, o.Out, &w, &error)) {
        problems->push_back("no report was written: " + error);
        return false;
    }
    *summary = "report for " + o.Wijk + ": " + std::to_string(r.Answers) + " answer(s) counted from " +
               std::to_string(r.Kiosks) + " kiosk(s), " + std::to_string(r.FlaggedAnswers) +
               " flagged and not counted; " + std::to_string(w.Charts) + " chart(s), " +
               std::to_string(r.Agreements.size()) + " agreement(s), " + std::to_string(r.Sessions.size()) +
               " campfire meeting(s)" + (r.HasPopulation ? ", reach against " + o.PopulationFile : "") + "; " +
               (in.Pack ? "" : "no usable pack (questions by id); ") + "open " + o.Out + "/index.html";
    if (built)
        *built = std::move(r);
    return true;
}

} // namespace report
