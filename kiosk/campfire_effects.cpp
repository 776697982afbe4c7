#include "kiosk/campfire_effects.hpp"
#include "kiosk/campfire_export.hpp"
#include "kiosk/log.hpp"
#include "sync/journal.hpp"
#include "sync/sync_worker.hpp"

#include <sys/stat.h>

namespace kiosk {

namespace {

Action Failed(const std::string& error) {
    Log(error);
    return Action(ActionKind::CampfireSaveFailed, error);
}

} // namespace

std::vector<Action> CampfireEffects::Run(const Effect& e, const std::string& lang) {
    std::vector<Action> out;
    std::string error;
    bool stored = false; // something new waits for the store: a sync round soon
    switch (e.Kind) {
    case EffectKind::LoadCampfireDefaults: {
        wsync::StoreLink link;
        Action a(ActionKind::CampfireDefaults);
        a.Values = {Journal->GetStore(&link) ? link.Wijk : std::string(), Today ? Today() : std::string()};
        out.push_back(a);
        break;
    }
    case EffectKind::SaveCampfireSession: {
        wsync::CampfireSessionRecord g;
        g.Id = e.Campfire.Id;
        g.Name = e.Campfire.Name;
        g.Wijk = e.Campfire.Wijk;
        g.HeldOn = e.Campfire.Date;
        g.Present = e.Campfire.Present;
        g.PackId = Flow->Pack->Id;
        g.PackVersion = Flow->Pack->Version;
        g.StartedAt = NowIso ? NowIso() : std::string();
        if (!Journal->SaveCampfireSession(g, &error))
            out.push_back(Failed(error));
        else {
            Log("campfire: session " + g.Id + " started (" + std::to_string(g.Present) + " present)");
            stored = true;
        }
        break;
    }
    case EffectKind::SaveCampfireCounts: {
        std::vector<wsync::CampfireResultRecord> rows;
        for (const CampfireRow& r : e.Rows) {
            wsync::CampfireResultRecord rec;
            rec.SessionId = e.SessionId;
            rec.QuestionId = r.AnswerId;
            rec.Value = r.Option;
            rec.Count = r.Count;
            rec.Method = r.Hands ? "hands" : "taps";
            rows.push_back(rec);
        }
        if (!Journal->SaveCampfireCounts(rows, &error))
            out.push_back(Failed(error));
        else
            stored = true;
        break;
    }
    case EffectKind::SaveAgreement: {
        wsync::AgreementRecord a;
        a.Id = e.Agreement.Id;
        a.SessionId = e.SessionId;
        a.Wijk = e.Campfire.Wijk;
        a.What = e.Agreement.What;
        a.Who = e.Agreement.Who;
        a.Due = e.Agreement.Due;
        a.Answers = e.Agreement.Answers;
        a.Status = e.Agreement.Status;
        a.UpdatedAt = NowIso ? NowIso() : std::string(); // created_at: the journal keeps the first
        if (!Journal->SaveAgreement(a, &error))
            out.push_back(Failed(error));
        else
            stored = true;
        break;
    }
    case EffectKind::EndCampfireSession:
        if (!Journal->EndCampfireSession(e.SessionId, NowIso ? NowIso() : std::string(), &error))
            Log(error); // the admin screen is next; the session stays open in the journal
        else {
            Log("campfire: session " + e.SessionId + " ended");
            stored = true;
        }
        break;
    case EffectKind::LoadExportTargets: {
        Action a(ActionKind::CampfireTargetsLoaded);
        struct stat st {};
        if (!ExportDir.empty() && stat(ExportDir.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
            a.Values.push_back(ExportDir);
        for (const std::string& dir : UsbFolders(UsbRoots))
            if (dir != ExportDir)
                a.Values.push_back(dir);
        out.push_back(a);
        break;
    }
    case EffectKind::ExportCsv: {
        Action done(ActionKind::CampfireExportDone);
        if (!WriteFileAtomic(e.Path, CampfireCsv(*Flow, e.Campfire, lang), &error)) {
            Log("campfire export: " + error);
            done.Value = error;
        } else {
            Log("campfire export: " + e.Path);
        }
        out.push_back(done);
        break;
    }
    default: break;
    }
    if (stored && Sync)
        Sync->AnswersAdded();
    return out;
}

} // namespace kiosk
