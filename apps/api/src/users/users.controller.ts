import { Body, Controller, Delete, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, MinRole } from '../auth/auth.decorators';
import { ApiCreate, ApiDelete, ApiGetOne, ApiUpdate } from '../common/api-docs';
import { ListEndpoint } from '../common/list-endpoint';
import { ListQuery, ListQueryPipe } from '../common/list-query';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { CreateUserDto, UpdateUserDto, UserDto, UserFilter } from './dto/user.dto';
import { USER_LIST, UsersService } from './users.service';

const LAST_ADMIN = 'the change would leave no active admin, or disables your own account';

@ApiTags('users')
@ApiBearerAuth()
@MinRole('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ListEndpoint('users', USER_LIST, UserDto, '`q` matches email or name (substring).')
  list(@Query(new ListQueryPipe(USER_LIST)) query: ListQuery<UserFilter>) {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiGetOne(UserDto)
  findOne(@Param('id', ParseIdPipe) id: string) {
    return this.users.findOne(id);
  }

  @Post()
  @ApiCreate(UserDto, 'the email is taken')
  create(@Body() dto: CreateUserDto, @CurrentUser() actor: AuthUser) {
    return this.users.create(dto, actor);
  }

  @Put(':id')
  @ApiUpdate(UserDto, `the email is taken, or ${LAST_ADMIN}`)
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateUserDto, @CurrentUser() actor: AuthUser) {
    return this.users.update(id, dto, actor);
  }

  @Delete(':id')
  @ApiDelete(UserDto, LAST_ADMIN)
  remove(@Param('id', ParseIdPipe) id: string, @CurrentUser() actor: AuthUser) {
    return this.users.remove(id, actor);
  }
}
