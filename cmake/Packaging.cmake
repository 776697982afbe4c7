# make deb: the two Debian 12 packages (docs/install.md), with CPack's DEB generator from the
# already-built tree: `wijkstem` (component kiosk) and `wijkstem-store` (component store).
# Depends come from dpkg-shlibdeps, plus what the binaries use at run time without linking
# it (cage, Xwayland, fonts, speech data). One version: the VERSION file.

include(GNUInstallDirs)
set(WIJKSTEM_DEB_REVISION 1)

# 1. The kiosk: binary, the bundled packs, the session unit, an opening-hours example.
install(TARGETS wijkstem RUNTIME DESTINATION bin COMPONENT kiosk)
install(DIRECTORY content/packs/ DESTINATION share/wijkstem/packs COMPONENT kiosk
        FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
install(FILES packaging/systemd/wijkstem-kiosk.service DESTINATION /lib/systemd/system COMPONENT kiosk)
install(FILES packaging/kiosk/opening-hours.example DESTINATION share/doc/wijkstem/examples RENAME opening-hours
        COMPONENT kiosk)
install(FILES docs/install.md README.md DESTINATION share/doc/wijkstem COMPONENT kiosk)

# 2. The store: binary, its service, the nightly backup, its settings.
install(TARGETS wijkstem-store RUNTIME DESTINATION bin COMPONENT store)
install(FILES packaging/systemd/wijkstem-store.service packaging/systemd/wijkstem-store-backup.service
              packaging/systemd/wijkstem-store-backup.timer
        DESTINATION /lib/systemd/system COMPONENT store)
install(FILES packaging/store/store.conf DESTINATION /etc/wijkstem-store COMPONENT store)
# The packs the store checks answers against when none is published yet: its own copy, so a
# server without the kiosk package knows them too (the kiosk's are in share/wijkstem).
install(DIRECTORY content/packs/ DESTINATION share/wijkstem-store/packs COMPONENT store
        FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
install(FILES docs/operations.md docs/sync-protocol.md DESTINATION share/doc/wijkstem-store COMPONENT store)

# 3. Debian's documents per package: copyright and a gzip'ed changelog made from VERSION.
foreach(pkg wijkstem wijkstem-store)
  set(PKG ${pkg})
  configure_file(packaging/changelog.in ${CMAKE_BINARY_DIR}/deb/${pkg}/changelog.Debian @ONLY)
  execute_process(COMMAND gzip -9nf ${CMAKE_BINARY_DIR}/deb/${pkg}/changelog.Debian)
  if(pkg STREQUAL "wijkstem")
    set(comp kiosk)
  else()
    set(comp store)
  endif()
  install(FILES ${CMAKE_BINARY_DIR}/deb/${pkg}/changelog.Debian.gz packaging/copyright
          DESTINATION share/doc/${pkg} COMPONENT ${comp})
endforeach()

# 4. A manual page each, gzip'ed as Debian wants them.
foreach(page wijkstem wijkstem-store)
  configure_file(packaging/man/${page}.1 ${CMAKE_BINARY_DIR}/deb/man/${page}.1 @ONLY)
  execute_process(COMMAND gzip -9nf ${CMAKE_BINARY_DIR}/deb/man/${page}.1)
endforeach()
install(FILES ${CMAKE_BINARY_DIR}/deb/man/wijkstem.1.gz DESTINATION share/man/man1 COMPONENT kiosk)
install(FILES ${CMAKE_BINARY_DIR}/deb/man/wijkstem-store.1.gz DESTINATION share/man/man1 COMPONENT store)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME wijkstem)
set(CPACK_PACKAGE_VERSION ${WIJKSTEM_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_INSTALL_PREFIX /usr) # with CPACK_SET_DESTDIR this is the prefix that counts
set(CPACK_SET_DESTDIR ON) # the units and /etc files have absolute destinations
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CONTACT "Wijkstem <wijkstem@groningen.example>")
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_SOURCE_DIR}/dist)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL kiosk store)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${WIJKSTEM_DEB_REVISION})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://wijkstem.groningen.example/")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME wijkstem)
set(CPACK_DEBIAN_KIOSK_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
    "adduser, cage, xwayland, fonts-dejavu-core, fonts-noto-core, espeak-ng-data")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "libasound2")
# CPack puts a space before each line and a "." on the empty ones.
set(CPACK_COMPONENT_KIOSK_DESCRIPTION "touch kiosk for neighbourhood democracy
Wijkstem puts the questions of the Gronings model voor wijk- en dorpsdemocratie
in front of residents at a touch screen in a community centre, keeps every
answer on the device and brings the answers to the municipality's store.

This package holds the kiosk, its bundled content pack and a systemd unit that
runs it full screen inside cage on tty1 from boot, restarted when it exits or
hangs.")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/packaging/kiosk/postinst ${CMAKE_SOURCE_DIR}/packaging/kiosk/prerm
    ${CMAKE_SOURCE_DIR}/packaging/kiosk/postrm)

set(CPACK_DEBIAN_STORE_PACKAGE_NAME wijkstem-store)
set(CPACK_DEBIAN_STORE_PACKAGE_SECTION net)
set(CPACK_DEBIAN_STORE_PACKAGE_DEPENDS "adduser")
set(CPACK_COMPONENT_STORE_DESCRIPTION "municipal store for Wijkstem kiosks
The store receives the answers of the municipality's Wijkstem kiosks, serves
them their content, and gives the area teams their console, reports and the
public page of each neighbourhood.

This package holds wijkstem-store, a sandboxed systemd service for it and a
timer that backs its database up every night.")
set(CPACK_DEBIAN_STORE_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/packaging/store/postinst ${CMAKE_SOURCE_DIR}/packaging/store/prerm
    ${CMAKE_SOURCE_DIR}/packaging/store/postrm ${CMAKE_SOURCE_DIR}/packaging/store/conffiles)

include(CPack)
