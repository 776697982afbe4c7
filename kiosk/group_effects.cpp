#include "kiosk/group_effects.hpp"
#include "kiosk/group_export.hpp"
#include "kiosk/log.hpp"
#include "sync/journal.hpp"
#include "sync/sync_worker.hpp"

#include <sys/stat.h>

namespace kiosk {

namespace {

Action Failed(const std::string& error) {
    Log(error);
    return Action(ActionKind::GroupSaveFailed, error);
}

} // namespace

std::vector<Action> GroupEffects::Run(const Effect& e, const std::string& lang) {
    std::vector<Action> out;
    std::string error;
    bool stored = false; // something new waits for the store: a sync round soon
    switch (e.Kind) {
    case EffectKind::LoadGroupDefaults: {
        wsync::StoreLink link;
        Action a(ActionKind::GroupDefaults);
        a.Values = {Journal->GetStore(&link) ? link.Wijk : std::string(), Today ? Today() : std::string()};
        out.push_back(a);
        break;
    }
    case EffectKind::SaveGroupSession: {
        wsync::GroupSessionRecord g;
        g.Id = e.Group.Id;
        g.Name = e.Group.Name;
        g.Wijk = e.Group.Wijk;
        g.HeldOn = e.Group.Date;
        g.Present = e.Group.Present;
        g.PackId = Flow->Pack->Id;
        g.PackVersion = Flow->Pack->Version;
        g.StartedAt = NowIso ? NowIso() : std::string();
        if (!Journal->SaveGroupSession(g, &error))
            out.push_back(Failed(error));
        else {
            Log("campfire: session " + g.Id + " started (" + std::to_string(g.Present) + " present)");
            stored = true;
        }
        break;
    }
    case EffectKind::SaveGroupCounts: {
        std::vector<wsync::GroupResultRecord> rows;
        for (const GroupRow& r : e.Rows) {
            wsync::GroupResultRecord rec;
            rec.SessionId = e.SessionId;
            rec.QuestionId = r.AnswerId;
            rec.Value = r.Option;
            rec.Count = r.Count;
            rec.Method = r.Hands ? "hands" : "taps";
            rows.push_back(rec);
        }
        if (!Journal->SaveGroupCounts(rows, &error))
            out.push_back(Failed(error));
        else
            stored = true;
        break;
    }
    case EffectKind::SaveAgreement: {
        wsync::AgreementRecord a;
        a.Id = e.Agreement.Id;
        a.SessionId = e.SessionId;
        a.Wijk = e.Group.Wijk;
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
    case EffectKind::EndGroupSession:
        if (!Journal->EndGroupSession(e.SessionId, NowIso ? NowIso() : std::string(), &error))
            Log(error); // the admin screen is next; the session stays open in the journal
        else {
            Log("campfire: session " + e.SessionId + " ended");
            stored = true;
        }
        break;
    case EffectKind::LoadExportTargets: {
        Action a(ActionKind::GroupTargetsLoaded);
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
        Action done(ActionKind::GroupExportDone);
        if (!WriteFileAtomic(e.Path, GroupCsv(*Flow, e.Group, lang), &error)) {
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
