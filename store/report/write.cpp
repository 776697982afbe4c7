#include "store/report/write.hpp"
#include "store/report/charts.hpp"
#include "store/report/html.hpp"
#include "sync/atomic_file.hpp"

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

// As the store's CSV export: quoted when needed, and never a spreadsheet formula.
std::string Field(const std::string& s) {
    std::string v = s;
    const bool number = !v.empty() && v.find_first_not_of("0123456789-.") == std::string::npos;
    if (!v.empty() && !number && std::string("=+-@\t\r").find(v[0]) != std::string::npos)
        v = "'" + v;
    if (v.find_first_of(",\"\n\r") == std::string::npos)
        return v;
    std::string out = "\"";
    for (char c : v)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void Rows(std::string* csv, const std::string& source, const std::string& period, const Chart& c,
          const std::vector<long long>& counts, long long respondents) {
    for (size_t i = 0; i < c.Bars.size() && i < counts.size(); i++)
        *csv += Field(source) + "," + Field(period) + "," + Field(c.AnswerId) + "," + Field(c.Title) + "," +
                Field(c.Bars[i].Id) + "," + Field(c.Bars[i].Label) + "," + std::to_string(counts[i]) + "," +
                std::to_string(respondents) + "\n";
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
    // 2. Everything in memory: the charts, the page, the CSV.
    std::vector<std::pair<std::string, std::vector<unsigned char>>> pngs;
    {
        std::unique_ptr<ChartPainter> painter = ChartPainter::Create(error);
        if (!painter)
            return false;
        auto paint = [&](const Chart& c, const std::string& subtitle) {
            if (!c.Shown || c.Bars.empty())
                return true;
            pngs.emplace_back(c.Slug + ".png", std::vector<unsigned char>());
            return painter->Paint(c, subtitle, &pngs.back().second, error);
        };
        for (const Section& s : r.Sections)
            for (const Chart& c : s.Charts)
                if (!paint(c, Deelnemers(c.Respondents)))
                    return false;
        for (const SessionReport& s : r.Sessions)
            for (const Chart& c : s.Charts)
                if (!paint(c, DutchDate(s.Session.HeldOn) + " \u00B7 " + s.Session.Name + " \u00B7 " +
                                  std::to_string(c.Respondents) + (c.Respondents == 1 ? " stem, " : " stemmen, ") +
                                  std::to_string(s.Session.Present) + " aanwezig"))
                    return false;
    }
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
    for (size_t i = 0; ok && i < pngs.size(); i++)
        ok = WriteFile(tmp / "charts" / pngs[i].first, pngs[i].second.data(), pngs[i].second.size(), error);
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
    written->Charts = int(pngs.size());
    return true;
}

} // namespace report
