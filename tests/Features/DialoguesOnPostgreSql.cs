using PartnershipBot.Tests.Harness;

// The main end-to-end dialogue tests of every feature, run a second time on PostgreSQL: each class below is the
// LiteDB class with its bot on a fresh database of the test run's shared cluster (tests/Harness/PostgreSqlServer).
// Same dialogues, same assertions; only the storage module differs.

namespace PartnershipBot.Tests.Features.Journeys
{
    public sealed class NewPartnershipJourneyTestsOnPostgreSql : NewPartnershipJourneyTests
    {
        protected override BotStorage Storage => BotStorage.PostgreSql;
    }
}

namespace PartnershipBot.Tests.Features.Approvals
{
    public sealed class ApprovalFlowTestsOnPostgreSql : ApprovalFlowTests
    {
        protected override BotStorage Storage => BotStorage.PostgreSql;
    }

    public sealed class ApprovalFeatureTestsOnPostgreSql : ApprovalFeatureTests
    {
        protected override BotStorage Storage => BotStorage.PostgreSql;
    }
}

namespace PartnershipBot.Tests.Features.Hallmarks
{
    public sealed class HallmarkAssessmentTestsOnPostgreSql : HallmarkAssessmentTests
    {
        protected override BotStorage Storage => BotStorage.PostgreSql;
    }

    public sealed class HallmarkTakeOverTestsOnPostgreSql : HallmarkTakeOverTests
    {
        protected override BotStorage Storage => BotStorage.PostgreSql;
    }
}

namespace PartnershipBot.Tests.Features.Register
{
    public sealed class RegisterCommandTestsOnPostgreSql : RegisterCommandTests
    {
        protected override BotStorage Storage => BotStorage.PostgreSql;
    }

    public sealed class PartnershipRegisterTestsOnPostgreSql : PartnershipRegisterTests
    {
        protected override BotStorage Storage => BotStorage.PostgreSql;
    }
}

namespace PartnershipBot.Tests.Features.Reviews
{
    public sealed class AnnualCycleTestsOnPostgreSql : AnnualCycleTests
    {
        protected override BotStorage Storage => BotStorage.PostgreSql;
    }

    public sealed class SmtReviewDecisionTestsOnPostgreSql : SmtReviewDecisionTests
    {
        protected override BotStorage Storage => BotStorage.PostgreSql;
    }
}
