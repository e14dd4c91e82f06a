import Foundation
import Hummingbird
import Logging
import Messages

/// The web service (SPEC.md §12): the router with its middleware, and the
/// application that serves it until SIGINT or SIGTERM.
public enum SpotcheckServer {
    /// Every route over `state`. Middleware, outermost first: security
    /// headers (on every answer), language, error presentation, who is
    /// calling, the request log, the CSRF check.
    public static func router(_ state: ServiceState) -> Router<ServiceRequestContext> {
        let router = Router(context: ServiceRequestContext.self)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: LanguageMiddleware())
        router.add(middleware: ErrorPresentation(pages: state.pages))
        router.add(middleware: SessionAuthenticator(sessions: state.sessions))
        router.add(middleware: RequestLog())
        router.add(middleware: CSRFMiddleware())

        let api = router.group("api/v1")
        OpenAPIDocument.addRoute(to: api)
        SessionAPI(state: state).addRoutes(to: api)
        TaskAPI(state: state).addRoutes(to: api)
        SubmissionAPI(state: state).addRoutes(to: api)
        ValidationAPI(state: state).addRoutes(to: api)
        ReviewAPI(state: state).addRoutes(to: api)
        OfficeAPI(state: state).addRoutes(to: api)
        DisclosureAPI(state: state).addRoutes(to: api)

        StaticAssets().addRoutes(to: router)
        PublicPages(state: state).addRoutes(to: router)
        LoginPages(state: state).addRoutes(to: router)
        OfficePages(state: state).addRoutes(to: router)
        TaskPages(state: state).addRoutes(to: router)
        DepartmentPages(state: state).addRoutes(to: router)
        ChecklistPages(state: state).addRoutes(to: router)
        return router
    }

    /// The application listening where the configuration says.
    public static func application(_ state: ServiceState, logger: Logger? = nil) -> some ApplicationProtocol {
        var log = logger ?? Logger(label: "spotcheck.serve")
        if logger == nil { log.logLevel = .info }
        return Application(router: router(state),
                           configuration: .init(address: .hostname(state.configuration.host, port: state.configuration.port),
                                                serverName: "spotcheck"),
                           logger: log)
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight.
    public static func run(_ state: ServiceState, onReady: (@Sendable (Int) async -> Void)? = nil) async throws {
        var app = Application(router: router(state),
                              configuration: .init(address: .hostname(state.configuration.host, port: state.configuration.port),
                                                   serverName: "spotcheck"),
                              onServerRunning: { channel in await onReady?(channel.localAddress?.port ?? 0) },
                              logger: Logger(label: "spotcheck.serve"))
        app.logger.logLevel = .info
        try await app.runService()
    }
}
