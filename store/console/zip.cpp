#include "store/console/zip.hpp"

#include <zip.h>

#include <filesystem>
#include <fstream>
#include <list>
#include <sstream>

namespace console {

namespace fs = std::filesystem;

bool ZipFolder(const std::string& dir, const std::string& prefix, std::string* out, std::string* error) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* mem = zip_source_buffer_create(nullptr, 0, 0, &ze);
    zip_t* za = mem ? zip_open_from_source(mem, ZIP_TRUNCATE, &ze) : nullptr;
    if (!za) {
        *error = std::string("cannot make a zip: ") + zip_error_strerror(&ze);
        if (mem)
            zip_source_free(mem);
        zip_error_fini(&ze);
        return false;
    }
    zip_source_keep(mem); // read after zip_close
    std::list<std::string> contents; // libzip reads them at zip_close
    std::error_code ec;
    bool ok = true;
    for (auto it = fs::recursive_directory_iterator(dir, ec); ok && !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (!it->is_regular_file())
            continue;
        std::ifstream f(it->path(), std::ios::binary);
        std::ostringstream ss;
        ss << f.rdbuf();
        contents.push_back(ss.str());
        const std::string name = prefix + "/" + fs::relative(it->path(), dir).generic_string();
        zip_source_t* s = zip_source_buffer(za, contents.back().data(), contents.back().size(), 0);
        if (!s || zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
            if (s)
                zip_source_free(s);
            *error = std::string("cannot add ") + name + " to the zip: " + zip_strerror(za);
            ok = false;
        }
    }
    if (ec) {
        *error = "cannot read the folder " + dir + ": " + ec.message();
        ok = false;
    }
    if (!ok) {
        zip_discard(za);
        zip_source_free(mem);
        return false;
    }
    if (zip_close(za) < 0) {
        *error = std::string("cannot finish the zip: ") + zip_strerror(za);
        zip_discard(za);
        zip_source_free(mem);
        return false;
    }
    zip_stat_t st;
    if (zip_source_stat(mem, &st) < 0 || zip_source_open(mem) < 0) {
        *error = "cannot read the zip back";
        zip_source_free(mem);
        return false;
    }
    out->resize(size_t(st.size));
    const zip_int64_t n = zip_source_read(mem, out->data(), st.size);
    zip_source_close(mem);
    zip_source_free(mem);
    if (n < 0 || zip_uint64_t(n) != st.size) {
        *error = "cannot read the zip back";
        return false;
    }
    return true;
}

} // namespace console
