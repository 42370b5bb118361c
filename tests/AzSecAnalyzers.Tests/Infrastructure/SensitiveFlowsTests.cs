using AzSecAnalyzers.Infrastructure.AspNetCore;

namespace AzSecAnalyzers.Tests.Infrastructure;

public class SensitiveFlowsTests
{
    [Theory]
    [InlineData("Login", "Authentication")]
    [InlineData("/api/account/log-in", "Authentication")]
    [InlineData("SignInAsync", "Authentication")]
    [InlineData("/sign-up", "Authentication")]
    [InlineData("Register", "Authentication")]
    [InlineData("ForgotPassword", "Authentication")]
    [InlineData("/connect/token", "Authentication")]
    [InlineData("VerifyOtp", "Authentication")]
    [InlineData("/2fa/verify", "Authentication")]
    [InlineData("Checkout", "Payment")]
    [InlineData("/cart/check-out", "Payment")]
    [InlineData("TransferFunds", "Payment")]
    [InlineData("LinkLogin", "None")]
    [InlineData("RemoveLogin", "None")]
    [InlineData("ChangePassword", "Authentication")]
    [InlineData("Logout", "SignOut")]
    [InlineData("/account/log-out", "SignOut")]
    [InlineData("SignOutAsync", "SignOut")]
    [InlineData("/blog/output", "None")]
    [InlineData("Registrations", "None")]
    [InlineData("/orders/{id}", "None")]
    [InlineData("/users/{login}", "None")]
    [InlineData("Payload", "None")]
    [InlineData("GetTokens", "None")]
    [InlineData("", "None")]
    public void Names_AreClassified(string name, string expected)
        => Assert.Equal(expected, SensitiveFlows.Classify(name).ToString());

    [Fact]
    public void PaymentAndAuthentication_WinOverSignOut()
    {
        Assert.Equal(SensitiveFlow.Payment, SensitiveFlows.Classify("/logout", "Checkout"));
        Assert.Equal(SensitiveFlow.Authentication, SensitiveFlows.Classify("SignOut", "/login"));
    }

    [Fact]
    public void Authentication_WinsOverPayment()
        => Assert.Equal(SensitiveFlow.Authentication, SensitiveFlows.Classify("/checkout", "Login"));

    [Fact]
    public void Words_SplitCaseAndSeparators_AndSkipRouteParameters()
        => Assert.Equal(new[] { "api", "reset", "password", "now" }, SensitiveFlows.Words("/api/{userId}/ResetPassword_now"));
}
