using Engagement.Access;
using Engagement.Access.Users;

namespace Engagement.Tests.Access;

public class user_decisions
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly UserRules Rules = UserRules.Default;

    private static User Active(Role role = Role.Staff) =>
        User.Create(new UserInvited(Guid.NewGuid(), "Mei Chen", "mei@chamber.example", role, "hash", Now, Now.AddDays(7)))
            .Apply(new UserPasswordSet(Guid.Empty, Now));

    [Fact]
    public void a_right_password_signs_in_and_clears_the_failures()
    {
        var user = Active().Apply(new UserSignInFailed(Guid.Empty, Now));

        var (outcome, events) = PasswordSignIn.Decide(user, passwordMatches: true, Now, Rules);

        Assert.Equal(SignInOutcome.SignedIn, outcome);
        Assert.Equal(0, user.Apply(Assert.IsType<UserSignedIn>(Assert.Single(events))).FailedSignIns);
    }

    [Fact]
    public void the_fifth_wrong_password_in_a_row_locks_the_account_for_the_lockout_period()
    {
        var user = Active();
        for (var i = 0; i < 4; i++)
        {
            var (outcome, events) = PasswordSignIn.Decide(user, false, Now, Rules);
            Assert.Equal(SignInOutcome.Refused, outcome);
            user = user.Apply(Assert.IsType<UserSignInFailed>(Assert.Single(events)));
        }

        var (fifth, locking) = PasswordSignIn.Decide(user, false, Now, Rules);

        Assert.Equal(SignInOutcome.LockedOut, fifth);
        Assert.Equal(Now + TimeSpan.FromMinutes(15), Assert.IsType<UserLockedOut>(locking[1]).LockedUntil);
    }

    [Fact]
    public void while_locked_even_the_right_password_is_refused_and_nothing_is_recorded()
    {
        var user = Active().Apply(new UserLockedOut(Guid.Empty, Now.AddMinutes(10)));

        Assert.Equal((SignInOutcome.LockedOut, 0), Summary(PasswordSignIn.Decide(user, true, Now, Rules)));
        Assert.Equal((SignInOutcome.SignedIn, 1), Summary(PasswordSignIn.Decide(user, true, Now.AddMinutes(10), Rules)));
    }

    [Fact]
    public void an_invited_or_deactivated_user_cannot_sign_in()
    {
        var invited = User.Create(new UserInvited(Guid.NewGuid(), "A", "a@chamber.example", Role.Staff, "hash", Now, Now.AddDays(7)));

        Assert.Equal((SignInOutcome.Refused, 0), Summary(PasswordSignIn.Decide(invited, true, Now, Rules)));
        Assert.Equal((SignInOutcome.Refused, 0), Summary(PasswordSignIn.Decide(Active().Apply(new UserDeactivated(Guid.Empty, null)), true, Now, Rules)));
    }

    [Fact]
    public void the_last_active_admin_may_not_be_deactivated_or_demoted_but_may_stay_admin()
    {
        var admin = Active(Role.Admin);

        Assert.Equal(409, UserDecisions.Deactivate(admin, new DeactivateUser(null), lastAdmin: true).Rejection?.Status);
        Assert.Equal(409, UserDecisions.ChangeRole(admin, new ChangeUserRole(Role.Viewer), lastAdmin: true).Rejection?.Status);
        Assert.True(UserDecisions.Deactivate(admin, new DeactivateUser(null), lastAdmin: false).IsAccepted);
        Assert.True(UserDecisions.Deactivate(Active(Role.Staff), new DeactivateUser(null), lastAdmin: true).IsAccepted);
    }

    [Fact]
    public void setting_a_password_anew_moves_the_session_stamp_and_voids_the_link()
    {
        var user = Active();
        var reset = user.Apply(new UserInvitationReissued(user.Id, "new hash", Now.AddDays(7))).Apply(new UserPasswordSet(user.Id, Now));

        Assert.Equal(user.PasswordVersion + 1, reset.PasswordVersion);
        Assert.Null(reset.InvitationHash);
        Assert.Equal(UserStatus.Active, reset.Status);
    }

    private static (SignInOutcome, int) Summary((SignInOutcome Outcome, IReadOnlyList<object> Events) decision) =>
        (decision.Outcome, decision.Events.Count);
}
