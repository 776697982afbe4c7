#include "store/report/write.hpp"
#include "store/report/html.hpp"
#include "store/report/svg_chart.hpp"
#include "sync/atomic_file.hpp"
#include "sync/csv.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace report {

namespace {

const char* kMarker = ".wijkstem-report"; // says "this folder is a report; a new one may replace it"

void Rows(std::string* csv, const std::string& source, const std::string& period, const Chart& c,
          const std::vector<long long>& counts, long long respondents) {
    for (size_t i = 0; i < c.Bars.size() && i < counts.size(); i++)
        *csv += wsync::CsvRow({source, period, c.AnswerId, c.Title, c.Bars[i].Id, c.Bars[i].Label,
                               std::to_string(counts[i]), std::to_string(respondents)});
}

void ChartRows(std::string* csv, const std::string& source, const Chart& c) {
    if (!c.Shown)
        return; // the rule for small groups holds here too
    std::vector<long long> counts;
    for (const Bar& b : c.Bars)
        counts.push_back(b.Count);
    Rows(csv, source, "all", c, counts, c.Respondents);
    for (const TrendRow& t : c.Trend)
        if (t.Shown)
            Rows(csv, source, t.Key, c, t.Counts, t.Respondents);
}

std::string Errno(const std::string& what) { return what + ": " + strerror(errno); }

// Through sync/atomic_file (one sequence for every file that must survive a power cut).
bool WriteFile(const fs::path& path, const void* data, size_t size, std::string* error) {
    return wsync::WriteNewFileSynced(path.string(), data, size, error);
}

bool WriteFile(const fs::path& path, const std::string& text, std::string* error) {
    return WriteFile(path, text.data(), text.size(), error);
}

void SyncDir(const fs::path& dir) { wsync::SyncFolder(dir.string(), nullptr); }

// Puts the finished folder tmp in out's place. out may be missing, empty or an old report.
bool Swap(const fs::path& tmp, const fs::path& out, std::string* error) {
    std::error_code ec;
    if (!fs::exists(out, ec)) {
        if (wsync::CurrentFileOps().Rename(tmp.c_str(), out.c_str()) != 0) {
            *error = Errno("cannot rename " + tmp.string() + " to " + out.string());
            return false;
        }
        return true;
    }
    if (fs::is_empty(out, ec) && rmdir(out.c_str()) == 0)
        return Swap(tmp, out, error);
    // An earlier report: exchange both in one step where the file system can, so there is
    // never a moment without a report; then the old one (now under tmp) goes.
    if (renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, out.c_str(), RENAME_EXCHANGE) == 0) {
        fs::remove_all(tmp, ec);
        return true;
    }
    fs::path old = tmp.string() + "-old";
    if (wsync::CurrentFileOps().Rename(out.c_str(), old.c_str()) != 0) {
        *error = Errno("cannot move the earlier report " + out.string() + " aside");
        return false;
    }
    if (wsync::CurrentFileOps().Rename(tmp.c_str(), out.c_str()) != 0) {
        *error = Errno("cannot rename " + tmp.string() + " to " + out.string());
        wsync::CurrentFileOps().Rename(old.c_str(), out.c_str()); // the earlier report back in its place
        return false;
    }
    fs::remove_all(old, ec);
    return true;
}

} // namespace

std::string CountsCsv(const Report& r) {
    std::string csv = "source,period,question_id,question,value,label,count,respondents\n";
    for (const Section& s : r.Sections)
        for (const Chart& c : s.Charts)
            ChartRows(&csv, "kiosk", c);
    for (const SessionReport& s : r.Sessions)
        for (const Chart& c : s.Charts)
            ChartRows(&csv, "kampvuur " + s.Session.HeldOn + " " + s.Session.Name, c);
    return csv;
}

bool WriteReport(const Report& r, const std::string& out_dir, Written* written, std::string* error) {
    *written = {};
    std::error_code ec;
    fs::path out = fs::path(out_dir).lexically_normal();
    if (out.has_filename() == false)
        out = out.parent_path(); // "DIR/" -> "DIR"
    if (out.empty() || out == "." || out == "/") {
        *error = "--out needs a folder of its own for the report, not '" + out_dir + "'";
        return false;
    }
    // 1. Refuse a folder that holds something else before anything is drawn.
    if (fs::exists(out, ec)) {
        if (!fs::is_directory(out, ec)) {
            *error = out.string() + " exists and is not a folder";
            return false;
        }
        if (!fs::is_empty(out, ec) && !fs::exists(out / kMarker, ec)) {
            *error = out.string() + " holds other files and is not a report made by wijkstem-store; give a new or " +
                     "empty folder (nothing was changed)";
            return false;
        }
    }
    // 2. Everything in memory: the charts, the page, the CSV. A chart's file stands on its
    // own (pasted into a council document), so its subtitle says which meeting it is from.
    std::vector<std::pair<std::string, std::string>> svgs;
    auto chart = [&](const Chart& c, const std::string& subtitle) {
        if (c.Shown && !c.Bars.empty())
            svgs.emplace_back(c.Slug + ".svg", ChartSvgFile(c, subtitle));
    };
    for (const Section& s : r.Sections)
        for (const Chart& c : s.Charts)
            chart(c, Deelnemers(c.Respondents));
    for (const SessionReport& s : r.Sessions)
        for (const Chart& c : s.Charts)
            chart(c, DutchDate(s.Session.HeldOn) + " \u00B7 " + s.Session.Name + " \u00B7 " +
                         std::to_string(c.Respondents) + (c.Respondents == 1 ? " stem, " : " stemmen, ") +
                         std::to_string(s.Session.Present) + " aanwezig");
    const std::string html = RenderHtml(r);
    const std::string csv = CountsCsv(r);
    // 3. A new folder next to the target, synced, then renamed into place.
    fs::path parent = out.parent_path().empty() ? fs::path(".") : out.parent_path();
    fs::create_directories(parent, ec);
    if (ec) {
        *error = "cannot make the folder " + parent.string() + ": " + ec.message();
        return false;
    }
    fs::path tmp = parent / ("." + out.filename().string() + ".tmp-" + std::to_string(getpid()));
    fs::remove_all(tmp, ec);
    fs::create_directories(tmp / "charts", ec);
    if (ec) {
        *error = "cannot make the folder " + (tmp / "charts").string() + ": " + ec.message();
        return false;
    }
    bool ok = WriteFile(tmp / kMarker, std::string("made by wijkstem-store report; the next report may replace this folder\n"),
                        error) &&
              WriteFile(tmp / "index.html", html, error) && WriteFile(tmp / "counts.csv", csv, error);
    for (size_t i = 0; ok && i < svgs.size(); i++)
        ok = WriteFile(tmp / "charts" / svgs[i].first, svgs[i].second, error);
    if (ok) {
        SyncDir(tmp / "charts");
        SyncDir(tmp);
        ok = Swap(tmp, out, error);
    }
    if (!ok) {
        fs::remove_all(tmp, ec);
        return false;
    }
    SyncDir(parent);
    written->Charts = int(svgs.size());
    return true;
}

} // namespace report
