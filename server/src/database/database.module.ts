import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrationsExclusively } from './data-source-options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions(config.database),
        // Keep retrying at start while the database comes up, then fail with a clear error.
        retryAttempts: config.env === 'test' ? 0 : 10,
        retryDelay: 1000,
        // Failed queries surface as exceptions (logged by the error filter); duplicate keys are expected outcomes.
        logging: ['warn', 'migration'],
      }),
      dataSourceFactory: async (options) => {
        const ds = await new DataSource(options!).initialize();
        // Several instances may start together: the migrations are applied once (see the helper).
        await runMigrationsExclusively(ds).catch(async (error: unknown) => {
          await ds.destroy();
          throw error;
        });
        return ds;
      },
    }),
  ],
})
export class DatabaseModule {}
