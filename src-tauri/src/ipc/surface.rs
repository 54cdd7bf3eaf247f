// The IPC surface, written once: every command the UI can call, the module of `ipc` it lives in, and
// the windows allowed to call it. `ipc/mod.rs` builds the invoke handler from it; `build.rs` includes
// this file to declare the commands to Tauri and to write each window's capability; a test writes
// the names to `ui/src/lib/bindings/ipc.ts` (which `api.ts` is typed by) and checks that `api.ts`
// wraps each command. Plain `macro_rules!` with no paths into the crate, so `build.rs` can include it.

/// Hands the surface to the macro `$then`, as `module::command: [window, …],` entries.
macro_rules! ipc_surface {
    ($then:ident) => {
        $then! {
            formats::list_formats: [main],
            formats::create_format: [main],
            formats::update_format: [main],
            formats::duplicate_format: [main],
            formats::archive_format: [main],
            session::current_session: [main, mini],
            session::start_session: [main],
            session::pause_session: [main, mini],
            session::resume_session: [main, mini],
            session::skip_phase: [main, mini],
            session::stop_session: [main],
            session::extend_phase: [main],
            commitments::add_commitment: [main],
            commitments::edit_commitment: [main],
            commitments::resolve_commitment: [main],
            commitments::reopen_commitment: [main],
            history::history_sessions: [main],
            history::history_period: [main],
            history::history_overview: [main],
            history::session_detail: [main],
            history::edit_session: [main],
            history::delete_session: [main],
            history::export_history: [main],
            settings::get_settings: [main],
            settings::set_settings: [main],
            settings::startup_report: [main],
            locale::ui_locale: [main, mini],
            platform::desktop_capabilities: [main],
            calls::upcoming_calls: [main],
            calls::list_calls: [main],
            calls::create_call: [main],
            calls::update_call: [main],
            calls::delete_call: [main],
            calls::set_call_reminders: [main],
            calls::join_call: [main],
            calls::open_link: [main],
            pack_imports::open_pack_file: [main],
            pack_imports::pending_pack_imports: [main],
            pack_imports::confirm_pack_import: [main],
            pack_imports::cancel_pack_import: [main],
            communities::list_communities: [main],
            communities::remove_community: [main],
            communities::import_ics: [main],
            communities::export_ics: [main],
            subscriptions::list_subscriptions: [main],
            subscriptions::add_subscription: [main],
            subscriptions::refresh_subscription: [main],
            subscriptions::remove_subscription: [main],
            series::create_series: [main],
            series::list_series: [main],
            series::series_commitments: [main],
            series::add_series_commitment: [main],
            series::note_commitment: [main],
            series::start_next_series: [main],
            room::room_status: [main],
            room::room_sign_in: [main],
            room::room_sign_out: [main],
            room::room_go_live: [main],
            room::room_join: [main],
            room::room_leave: [main],
            room_links::pending_room_link: [main],
            room_links::forget_room_link: [main],
            room_browser::room_sign_in_ways: [main],
            room_browser::room_sign_in_browser: [main],
            room_browser::room_cancel_browser_sign_in: [main],
            room::room_share: [main],
            call_rooms::list_call_rooms: [main],
            call_rooms::set_call_room: [main],
            windows::about: [main],
            windows::toggle_mini_timer: [main],
            update::update_status: [main],
            update::check_for_update: [main],
            update::install_update: [main],
        }
    };
}

/// `(command name, windows allowed)` for every entry of the surface.
macro_rules! command_table {
    ($($module:ident :: $command:ident : [$($window:ident),+]),* $(,)?) => {
        &[$((stringify!($command), &[$(stringify!($window)),+])),*]
    };
}
