using AzSecAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Api.EndpointWithoutAuthorizationAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Api.EndpointWithoutAuthorizationCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class EndpointWithoutAuthorizationCodeFixTests
{
    private const string AddAuthorize = "add [Authorize] or configure a fallback authorization policy";
    private const string AddRequireAuthorization = "add .RequireAuthorization() or configure a fallback authorization policy";

    private static DiagnosticResult Expected(int location, string name, string verbs, string fix)
        => Verify.Diagnostic(Descriptors.AZSEC401_EndpointWithoutAuthorization).WithLocation(location).WithArguments(name, verbs, fix);

    private static Task RunAsync(string source, string fixedSource, string key, bool program, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = key,

            // Compilation-end diagnostics are not local to a document; the IDE still fixes them from the error list.
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        if (program)
        {
            test.TestState.OutputKind = OutputKind.ConsoleApplication;
            test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Actions_GetAuthorize_FixAll() => RunAsync("""
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        public class OrdersController : ControllerBase
        {
            [HttpPost]
            public IActionResult {|#0:Create|}(string order) => Ok();

            // Cancels an order.
            [HttpDelete("{id}")]
            public IActionResult {|#1:Cancel|}(int id) => NoContent();

            public IActionResult {|#2:PutOrder|}(int id) => NoContent();
        }
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        public class OrdersController : ControllerBase
        {
            [HttpPost]
            [Authorize]
            public IActionResult Create(string order) => Ok();

            // Cancels an order.
            [HttpDelete("{id}")]
            [Authorize]
            public IActionResult Cancel(int id) => NoContent();

            [Authorize]
            public IActionResult PutOrder(int id) => NoContent();
        }
        """, EquivalenceKeys.AddAuthorize, program: false,
        Expected(0, "Action 'OrdersController.Create'", "POST", AddAuthorize),
        Expected(1, "Action 'OrdersController.Cancel'", "DELETE", AddAuthorize),
        Expected(2, "Action 'OrdersController.PutOrder'", "PUT", AddAuthorize));

    [Fact]
    public Task Endpoints_GetRequireAuthorization_FixAll() => RunAsync("""
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create(args);
        app.{|#0:MapPost|}("/orders", (string order) => order).WithName("CreateOrder");
        app.{|#1:MapDelete|}("/orders/{id}", (int id) => id);
        app.Run();
        """, """
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create(args);
        app.MapPost("/orders", (string order) => order).RequireAuthorization().WithName("CreateOrder");
        app.MapDelete("/orders/{id}", (int id) => id).RequireAuthorization();
        app.Run();
        """, EquivalenceKeys.RequireAuthorization, program: true,
        Expected(0, "Endpoint 'MapPost(\"/orders\")'", "POST", AddRequireAuthorization),
        Expected(1, "Endpoint 'MapDelete(\"/orders/{id}\")'", "DELETE", AddRequireAuthorization));

    [Fact]
    public Task AllowAnonymousInAuthorizeController_IsRemoved() => RunAsync("""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [HttpPost]
            [{|#0:AllowAnonymous|}]
            public IActionResult Create(string order) => Ok();

            [HttpDelete, {|#1:AllowAnonymous|}]
            public IActionResult Delete(int id) => Ok();
        }
        """, """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [HttpPost]
            public IActionResult Create(string order) => Ok();

            [HttpDelete]
            public IActionResult Delete(int id) => Ok();
        }
        """, EquivalenceKeys.RemoveAllowAnonymous, program: false,
        Expected(0, "Action 'OrdersController.Create'", "POST", "remove [AllowAnonymous] so the controller's [Authorize] applies"),
        Expected(1, "Action 'OrdersController.Delete'", "DELETE", "remove [AllowAnonymous] so the controller's [Authorize] applies"));
}
