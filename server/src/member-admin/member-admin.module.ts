import { Module } from '@nestjs/common';
import { TiersModule } from '../tiers/tiers.module';
import { MemberSearchService } from './member-search.service';
import { MemberAdminController } from './member-admin.controller';

/**
 * Merchant member management: the filtered, sortable member list and member detail. The list is
 * one set-based read over members and their aggregates (orders, check-ins, growth, sessions);
 * everything that changes data stays in the owning modules.
 */
@Module({
  imports: [TiersModule],
  controllers: [MemberAdminController],
  providers: [MemberSearchService],
  exports: [MemberSearchService],
})
export class MemberAdminModule {}
